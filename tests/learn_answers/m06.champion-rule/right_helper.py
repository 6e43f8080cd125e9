# right: one helper for the improvement, the gate first, then the champion
import math


def decide_outcome(candidate, baseline, champion, margin, min_improvement, higher_is_better):
    def better_by(new, old):
        return new - old if higher_is_better else old - new

    gate_gain = better_by(candidate, baseline)
    if not (gate_gain >= margin or math.isclose(gate_gain, margin, abs_tol=1e-12)):
        return "rejected"
    if champion is None or better_by(candidate, champion) > min_improvement:
        return "champion"
    return "challenger"
