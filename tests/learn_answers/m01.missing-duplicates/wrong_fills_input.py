# mistake: writes the medians into the caller's array (X[holes] = ...) instead of a copy
# fails: does not modify its inputs
import numpy as np
import pandas as pd


def fill_and_dedupe(X):
    first = ~pd.DataFrame(X).duplicated().to_numpy()
    medians = np.nanmedian(X[first], axis=0)
    rows, cols = np.nonzero(np.isnan(X))
    X[rows, cols] = medians[cols]
    return X[first]
