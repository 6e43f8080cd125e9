# mistake: puts single quotes around the text by hand, which repr() would not do for "it's "
# fails: shown matches the reference
# on: a tab behind
import math


def show(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<missing>"
    if isinstance(value, str) and (value == "" or value != value.strip()):
        return "'" + value + "'"
    return str(value)
