# mistake: math.isclose with no absolute floor: near a margin of 0, no noise is forgiven at all
# fails: passes matches the reference
import math


def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = candidate - baseline if higher_is_better else baseline - candidate
    return gain >= margin or math.isclose(gain, margin)
