# right: through the within-group spread: total = between + within, so η² = 1 - within / total
import math
from collections import defaultdict


def correlation_ratio(groups, values):
    by_group = defaultdict(list)
    for g, y in zip(groups.tolist(), values.tolist(), strict=True):
        if g >= 0:
            by_group[g].append(y)
    present = [y for ys in by_group.values() for y in ys]
    mean = sum(present) / len(present)
    total = sum((y - mean) ** 2 for y in present)
    within = 0.0
    for ys in by_group.values():
        m = sum(ys) / len(ys)
        within += sum((y - m) ** 2 for y in ys)
    return math.sqrt(max(0.0, 1 - within / total))
