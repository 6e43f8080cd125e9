# mistake: centres to find the slopes, then takes mean(y) as the intercept (the centring not undone)
# fails: intercept matches the reference
import numpy as np


def least_squares(X, y):
    coef = np.linalg.lstsq(X - X.mean(axis=0), y - y.mean(), rcond=None)[0]
    return coef, float(y.mean())
