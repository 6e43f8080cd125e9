# mistake: an absolute tolerance of 1e-6, a thousand times the noise: weaker models get through
# fails: passes matches the reference
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = candidate - baseline if higher_is_better else baseline - candidate
    return gain >= margin or math.isclose(gain, margin, abs_tol=1e-6)
