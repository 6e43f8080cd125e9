# mistake: a truth test for "missing", so 0, 0.0, False and "" are reported as missing too
# fails: shown matches the reference
# on: 0 is a value, not a missing one
def show(value):
    if not value or value != value:
        return "<missing>"
    if isinstance(value, str) and value != value.strip():
        return repr(value)
    return str(value)
