# mistake: "if not champion" takes a champion that scored 0.0 for no champion at all
# fails: outcome matches the reference
import math


def gain(new, old, higher_is_better):
    return new - old if higher_is_better else old - new


def passes(candidate, baseline, margin, higher_is_better):
    g = gain(candidate, baseline, higher_is_better)
    return g >= margin or math.isclose(g, margin, abs_tol=1e-12)


def decide_outcome(candidate, baseline, champion, margin, min_improvement, higher_is_better):
    if not passes(candidate, baseline, margin, higher_is_better):
        return "rejected"
    if not champion:
        return "champion"
    if gain(candidate, champion, higher_is_better) > min_improvement:
        return "champion"
    return "challenger"
