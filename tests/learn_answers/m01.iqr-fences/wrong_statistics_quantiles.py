# mistake: statistics.quantiles, whose default method ("exclusive") puts Q1 at position (n+1)/4
# fails: low matches the reference
import math
import statistics


def iqr_fences(values, k):
    present = [v for v in values.tolist() if not math.isnan(v)]
    q1, _, q3 = statistics.quantiles(present, n=4)
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
