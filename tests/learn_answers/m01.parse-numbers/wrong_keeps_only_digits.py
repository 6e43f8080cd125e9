# mistake: skips float() and keeps only digits, '.' and '-': "1e3" becomes 13
# fails: numbers matches the reference
import re

import numpy as np


def _one(text):
    negative = "(" in text
    digits = re.sub(r"[^0-9.\-]", "", text)
    value = float(digits)
    return -value if negative else value


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
