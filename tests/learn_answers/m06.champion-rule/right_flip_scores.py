# right: flip the scores of a lower-is-better metric, then think "higher is better" only
import math


def decide_outcome(candidate, baseline, champion, margin, min_improvement, higher_is_better):
    if not higher_is_better:
        candidate, baseline = -candidate, -baseline
        champion = None if champion is None else -champion
    gain = candidate - baseline
    passed = gain >= margin or math.isclose(gain, margin, abs_tol=1e-12)
    if not passed:
        outcome = "rejected"
    elif champion is not None and not candidate - champion > min_improvement:
        outcome = "challenger"
    else:
        outcome = "champion"
    return outcome
