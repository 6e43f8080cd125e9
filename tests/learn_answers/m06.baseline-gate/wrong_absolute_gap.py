# mistake: the size of the gap, abs(candidate - baseline): a much worse model passes too
# fails: passes matches the reference
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = abs(candidate - baseline)
    return gain >= margin or math.isclose(gain, margin, abs_tol=1e-12)
