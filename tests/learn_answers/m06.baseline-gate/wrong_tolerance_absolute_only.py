# mistake: an absolute 1e-12 only (rel_tol=0): float noise on a margin of 1 is larger than that
# fails: passes matches the reference
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = candidate - baseline if higher_is_better else baseline - candidate
    return gain >= margin or math.isclose(gain, margin, rel_tol=0.0, abs_tol=1e-12)
