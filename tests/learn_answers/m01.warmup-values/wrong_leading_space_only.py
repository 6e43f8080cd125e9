# mistake: looks for padding at the start only, so "DSL " is shown without its space
# fails: shown matches the reference
# on: a space behind
import math


def show(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<missing>"
    if isinstance(value, str) and (value == "" or value.startswith(" ")):
        return repr(value)
    return str(value)
