# mistake: strips only the space character, so a tab or a non-breaking space stays hidden
# fails: shown matches the reference
# on: a tab behind
import math


def show(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<missing>"
    if isinstance(value, str) and (value == "" or value != value.strip(" ")):
        return repr(value)
    return str(value)
