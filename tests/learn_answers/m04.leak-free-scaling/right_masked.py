# right: fit on the training rows, then one transform for both arrays, as a Pipeline does
import numpy as np


def _fit(X_train):
    median = np.nanmedian(X_train, axis=0)  # (n_features,)
    filled = np.where(np.isnan(X_train), median, X_train)
    mean = filled.mean(axis=0)
    std = filled.std(axis=0)
    constant = np.ptp(filled, axis=0) == 0  # all equal, whatever rounding did to std
    return median, mean, np.where(constant, 1.0, std)


def _transform(X, median, mean, scale):
    return (np.where(np.isnan(X), median, X) - mean) / scale


def impute_and_scale(X_train, X_test):
    learned = _fit(X_train)
    return _transform(X_train, *learned), _transform(X_test, *learned)
