# mistake: the improvement is always candidate - baseline: a lower RMSE looks like a loss
# fails: passes matches the reference
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = candidate - baseline
    return gain >= margin or math.isclose(gain, margin, abs_tol=1e-12)
