# mistake: compares with float("nan"), which is never equal to anything, NaN included
# fails: shown matches the reference
# on: NaN is missing
def show(value):
    if value is None or value == float("nan"):
        return "<missing>"
    if isinstance(value, str) and (value == "" or value != value.strip()):
        return repr(value)
    return str(value)
