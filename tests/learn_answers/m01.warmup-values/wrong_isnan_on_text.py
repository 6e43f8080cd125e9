# mistake: asks math.isnan of every value, and it raises TypeError for text
# fails: show() runs without error
# on: text
import math


def show(value):
    if value is None or math.isnan(value):
        return "<missing>"
    if isinstance(value, str) and (value == "" or value != value.strip()):
        return repr(value)
    return str(value)
