# mistake: looks for "(" and "%" at the ends of the raw text: a padded " (250) " crashes
# fails: parse_numbers() runs without error
import numpy as np


def _one(text):
    try:
        return float(text)
    except ValueError:
        pass
    negative = text.startswith("(") and text.endswith(")")
    t = text.strip("()")
    if t.endswith("%"):
        t = t[:-1]
    t = t.strip().lstrip("$€£").replace(",", "")
    value = float(t)
    return -value if negative else value


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
