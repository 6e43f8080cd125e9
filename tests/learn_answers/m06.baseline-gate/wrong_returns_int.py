# mistake: returns 1 or 0, where the contract is True or False
# fails: passes is True or False
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = candidate - baseline if higher_is_better else baseline - candidate
    return int(gain >= margin or math.isclose(gain, margin, abs_tol=1e-12))
