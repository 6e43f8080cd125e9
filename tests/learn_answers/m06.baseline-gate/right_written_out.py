# right: the tolerance written out: 1e-9 of the larger value, or 1e-12 near zero
def passes_gate(candidate: float, baseline: float, margin: float, higher_is_better: bool) -> bool:
    gain = (candidate - baseline) * (1 if higher_is_better else -1)
    tolerance = max(1e-9 * max(abs(gain), abs(margin)), 1e-12)
    return bool(gain >= margin - tolerance)
