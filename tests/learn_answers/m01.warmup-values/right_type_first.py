# right: asks the type first, and finds NaN by the one property no other value has
def show(value):
    if value is None:
        return "<missing>"
    if isinstance(value, float) and value != value:  # only NaN is not equal to itself
        return "<missing>"
    if isinstance(value, str):
        if value == "" or value != value.strip():
            return repr(value)
        return value
    return str(value)
