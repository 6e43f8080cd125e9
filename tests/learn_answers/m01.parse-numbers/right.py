# right: float() first; otherwise peel the decorations off one by one
import numpy as np


def _one(text):
    try:
        return float(text)
    except ValueError:
        pass
    t = "".join(text.split())
    neg = t.startswith("(") and t.endswith(")")
    t = t.strip("()")
    if t[:1] in "$€£":
        t = t[1:]
    if t.endswith("%"):
        t = t[:-1]
    v = float(t.replace(",", ""))
    return -v if neg else v


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
