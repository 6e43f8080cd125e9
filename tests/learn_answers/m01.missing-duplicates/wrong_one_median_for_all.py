# mistake: one median of the whole table for every column, not each column's own
# fails: cleaned matches the reference
import numpy as np
import pandas as pd


def fill_and_dedupe(X):
    f = pd.DataFrame(X).drop_duplicates()
    return f.fillna(float(np.nanmedian(f.to_numpy()))).to_numpy(dtype="float64")
