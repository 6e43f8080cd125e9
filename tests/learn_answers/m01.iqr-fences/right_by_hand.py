# right: the linear-interpolation percentile written out: position p·(n-1) in the sorted values
import math


def _percentile(sorted_values, p):
    position = p * (len(sorted_values) - 1)
    below = math.floor(position)
    above = min(below + 1, len(sorted_values) - 1)
    fraction = position - below
    return sorted_values[below] + fraction * (sorted_values[above] - sorted_values[below])


def iqr_fences(values, k):
    present = sorted(v for v in values.tolist() if not math.isnan(v))
    q1, q3 = _percentile(present, 0.25), _percentile(present, 0.75)
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
