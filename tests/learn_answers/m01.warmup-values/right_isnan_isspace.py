# right: math.isnan behind an isinstance, and the ends of the text looked at one character each
import math


def show(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<missing>"
    if isinstance(value, str) and (not value or value[0].isspace() or value[-1].isspace()):
        return repr(value)
    return str(value)
