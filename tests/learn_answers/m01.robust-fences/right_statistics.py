# right: the standard library's median, on a plain list without the NaN
import math
import statistics


def robust_fences(values, threshold):
    present = [v for v in values.tolist() if not math.isnan(v)]
    middle = statistics.median(present)
    mad = statistics.median(abs(v - middle) for v in present)
    return middle - threshold * 1.4826 * mad, middle + threshold * 1.4826 * mad
