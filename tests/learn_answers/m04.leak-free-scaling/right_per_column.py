# right: one column at a time, the median from the sorted present values; a column whose filled
# training values are all equal is only centred (its computed std may be 1e-17, not 0)
import numpy as np


def impute_and_scale(X_train, X_test):
    Z_train = np.empty_like(X_train, dtype=float)
    Z_test = np.empty_like(X_test, dtype=float)
    for j in range(X_train.shape[1]):
        present = np.sort(X_train[~np.isnan(X_train[:, j]), j])
        m = len(present)
        median = present[m // 2] if m % 2 else (present[m // 2 - 1] + present[m // 2]) / 2
        train = np.where(np.isnan(X_train[:, j]), median, X_train[:, j])
        test = np.where(np.isnan(X_test[:, j]), median, X_test[:, j])
        mean = train.mean()
        std = np.sqrt(np.mean((train - mean) ** 2))
        if train.max() == train.min():
            std = 1.0
        Z_train[:, j] = (train - mean) / std
        Z_test[:, j] = (test - mean) / std
    return Z_train, Z_test
