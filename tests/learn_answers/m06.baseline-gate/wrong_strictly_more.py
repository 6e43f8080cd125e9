# mistake: strictly more than the margin, even with a tolerance: exactly at the margin must pass
# fails: passes matches the reference
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = candidate - baseline if higher_is_better else baseline - candidate
    return gain > margin and not math.isclose(gain, margin, abs_tol=1e-12)
