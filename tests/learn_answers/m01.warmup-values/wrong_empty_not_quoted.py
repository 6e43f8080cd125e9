# mistake: quotes padded text but forgets the empty text, which then shows as nothing at all
# fails: shown matches the reference
# on: empty text is shown quoted
import math


def show(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<missing>"
    if isinstance(value, str) and value != value.strip():
        return repr(value)
    return str(value)
