# mistake: strips the parentheses but forgets that they mean a negative amount
# fails: numbers matches the reference
import numpy as np


def _one(text):
    try:
        return float(text)
    except ValueError:
        pass
    t = "".join(text.split()).strip("()")
    if t[:1] in "$€£":
        t = t[1:]
    if t.endswith("%"):
        t = t[:-1]
    return float(t.replace(",", ""))


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
