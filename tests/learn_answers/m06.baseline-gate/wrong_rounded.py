# mistake: rounds the scores to 6 decimals first: anything within 5e-7 of the margin passes
# fails: passes matches the reference
def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = round(candidate - baseline if higher_is_better else baseline - candidate, 6)
    return gain >= round(margin, 6)
