# mistake: a constant column found by std == 0 exactly: ten values of 0.1 have a computed std of
# 1.4e-17 (their float mean is not exactly 0.1), so the column is divided by rounding noise
# fails: Z_train matches the reference
import numpy as np


def impute_and_scale(X_train, X_test):
    med = np.nanmedian(X_train, axis=0)
    A = np.where(np.isnan(X_train), med, X_train)
    B = np.where(np.isnan(X_test), med, X_test)
    mu, sd = A.mean(axis=0), A.std(axis=0)
    sd = np.where(sd == 0, 1.0, sd)
    return (A - mu) / sd, (B - mu) / sd
