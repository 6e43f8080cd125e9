# mistake: np.vectorize without otypes cannot infer the output type of an empty column, and raises
# fails: parse_numbers() runs without error
import numpy as np


def _one(text):
    try:
        return float(text)
    except ValueError:
        pass
    t = "".join(text.split())
    neg = t.startswith("(") and t.endswith(")")
    t = t.strip("()").lstrip("$€£").rstrip("%").replace(",", "")
    return -float(t) if neg else float(t)


def parse_numbers(texts):
    return np.vectorize(_one)(texts)
