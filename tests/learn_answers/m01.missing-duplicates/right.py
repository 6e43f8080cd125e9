# right: pandas drop_duplicates, then fillna with the medians (moved from test_learn_m01_m02.py)
import pandas as pd


def fill_and_dedupe(X):
    f = pd.DataFrame(X).drop_duplicates()
    return f.fillna(f.median()).to_numpy(dtype="float64")
