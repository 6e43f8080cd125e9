# mistake: lstsq on X alone: the line is forced through the origin
# fails: coef matches the reference
import numpy as np


def least_squares(X, y):
    coef = np.linalg.lstsq(X, y, rcond=None)[0]
    return coef, 0.0
