# right: the direction as a sign, and math.isclose's own default tolerance for "at the margin"
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    sign = 1.0 if higher_is_better else -1.0
    gain = sign * (candidate - baseline)
    return gain > margin or math.isclose(gain, margin, abs_tol=1e-12)
