# mistake: removes only the currency signs it has seen in the examples ("$" and "€"), not "£"
# fails: parse_numbers() runs without error
import numpy as np


def _one(text):
    t = text.replace(" ", "").replace("$", "").replace("€", "").replace(",", "")
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()").rstrip("%")
    value = float(t)
    return -value if negative else value


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
