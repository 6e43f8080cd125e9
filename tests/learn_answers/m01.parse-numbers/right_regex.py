# right: one regular expression that names every part (sign, parentheses, currency, digits, %)
import re

import numpy as np

PATTERN = re.compile(
    r"^\s*(?P<open>\()?\s*(?P<sign>[-+])?\s*[$€£]?\s*(?P<number>[\d,]*\.?\d*(?:[eE][-+]?\d+)?)"
    r"\s*%?\s*(?P<close>\))?\s*%?\s*$"
)


def parse_numbers(texts):
    out = np.empty(len(texts))
    for i, text in enumerate(texts):
        match = PATTERN.match(text)
        if match is None:
            raise ValueError(f"not a number: {text!r}")
        value = float(match["number"].replace(",", ""))
        if match["sign"] == "-":
            value = -value
        if match["open"] and match["close"]:
            value = -value
        out[i] = value
    return out
