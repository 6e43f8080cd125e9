# mistake: the third central moment expanded into raw moments, E[x³] - 3x̄E[x²] + 2x̄³
# fails: skew matches the reference
# Equal on paper; far from 0 (prices, timestamps) it subtracts huge, nearly equal numbers.
import numpy as np


def skewness(x):
    n = len(x)
    mean, square, cube = np.mean(x), np.mean(x**2), np.mean(x**3)
    m2 = square - mean**2
    m3 = cube - 3 * mean * square + 2 * mean**3
    return float(m3 / m2**1.5 * np.sqrt(n * (n - 1)) / (n - 2))
