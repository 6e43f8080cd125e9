# mistake: reads "14%" as the fraction 0.14, though the exercise keeps the number as written (14.0)
# fails: numbers matches the reference
import numpy as np


def _one(text):
    try:
        return float(text)
    except ValueError:
        pass
    t = "".join(text.split())
    neg = t.startswith("(") and t.endswith(")")
    t = t.strip("()").lstrip("$€£")
    scale = 1.0
    if t.endswith("%"):
        t, scale = t[:-1], 0.01
    v = float(t.replace(",", "")) * scale
    return -v if neg else v


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
