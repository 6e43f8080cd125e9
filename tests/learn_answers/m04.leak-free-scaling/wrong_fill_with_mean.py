# mistake: gaps filled with the column's mean, where the median is asked
# fails: Z_train matches the reference
import numpy as np


def impute_and_scale(X_train, X_test):
    fill = np.nanmean(X_train, axis=0)
    A = np.where(np.isnan(X_train), fill, X_train)
    B = np.where(np.isnan(X_test), fill, X_test)
    mu, sd = A.mean(axis=0), A.std(axis=0)
    sd = np.where(np.ptp(A, axis=0) == 0, 1.0, sd)
    return (A - mu) / sd, (B - mu) / sd
