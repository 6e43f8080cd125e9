# mistake: decides by what the value looks like, so the text "nan" (and "None") counts as missing
# fails: shown matches the reference
# on: the text 'nan' is text, not a missing number
def show(value):
    if str(value) in ("nan", "None"):
        return "<missing>"
    if isinstance(value, str) and (value == "" or value != value.strip()):
        return repr(value)
    return str(value)
