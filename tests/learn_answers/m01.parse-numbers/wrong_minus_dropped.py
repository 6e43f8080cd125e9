# mistake: the clean-up deletes every character but digits and '.': "-1,234.5" loses its minus
# fails: numbers matches the reference
# A plain "-3" survives only because float() reads it before the clean-up.
import re

import numpy as np


def _one(text):
    try:
        return float(text)
    except ValueError:
        pass
    negative = text.strip().startswith("(")
    value = float(re.sub(r"[^0-9.]", "", text))
    return -value if negative else value


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
