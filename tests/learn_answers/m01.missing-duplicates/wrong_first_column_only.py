# mistake: calls rows copies when their first column (an id, it assumes) repeats, not every column
# fails: cleaned has the right shape
import pandas as pd


def fill_and_dedupe(X):
    f = pd.DataFrame(X).drop_duplicates(subset=[0])
    return f.fillna(f.median()).to_numpy(dtype="float64")
