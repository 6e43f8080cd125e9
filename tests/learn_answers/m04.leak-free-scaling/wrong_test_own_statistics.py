# mistake: the test rows standardised with their own mean and std ("fit_transform" on each)
# fails: Z_test matches the reference
import numpy as np


def _standardise(X):
    med = np.nanmedian(X, axis=0)
    A = np.where(np.isnan(X), med, X)
    sd = A.std(axis=0)
    return (A - A.mean(axis=0)) / np.where(np.ptp(A, axis=0) == 0, 1.0, sd)


def impute_and_scale(X_train, X_test):
    return _standardise(X_train), _standardise(X_test)
