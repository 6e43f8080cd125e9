# mistake: reads the comma as a decimal separator (the European habit): "1,000,000" cannot be parsed
# fails: parse_numbers() runs without error
import numpy as np


def _one(text):
    t = "".join(text.split())
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()").lstrip("$€£").rstrip("%")
    decimal_comma = "," in t and "." not in t  # "3,5" is 3.5 in Berlin
    t = t.replace(",", ".") if decimal_comma else t.replace(",", "")
    value = float(t)
    return -value if negative else value


def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
