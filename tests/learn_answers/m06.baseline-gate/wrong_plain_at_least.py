# mistake: a plain >=: 0.60 - 0.50 is 0.09999999999999998, so a model exactly at the margin fails
# fails: passes matches the reference
def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = candidate - baseline if higher_is_better else baseline - candidate
    return gain >= margin
