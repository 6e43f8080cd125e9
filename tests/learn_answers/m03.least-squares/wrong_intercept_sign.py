# mistake: undoes the centring with a plus: intercept = mean(y) + mean(X)·coef
# fails: intercept matches the reference
import numpy as np


def least_squares(X, y):
    coef = np.linalg.lstsq(X - X.mean(axis=0), y - y.mean(), rcond=None)[0]
    return coef, float(y.mean() + X.mean(axis=0) @ coef)
