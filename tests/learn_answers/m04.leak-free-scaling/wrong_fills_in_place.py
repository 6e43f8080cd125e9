# mistake: fills the gaps of the caller's arrays in place
# fails: does not modify its inputs
import numpy as np


def impute_and_scale(X_train, X_test):
    med = np.nanmedian(X_train, axis=0)
    for X in (X_train, X_test):
        rows, cols = np.where(np.isnan(X))
        X[rows, cols] = med[cols]
    mu, sd = X_train.mean(axis=0), X_train.std(axis=0)
    sd = np.where(np.ptp(X_train, axis=0) == 0, 1.0, sd)
    return (X_train - mu) / sd, (X_test - mu) / sd
