# mistake: fills the holes before dropping the copies, so the copies pull the median towards them
# fails: cleaned matches the reference
import pandas as pd


def fill_and_dedupe(X):
    f = pd.DataFrame(X)
    return f.fillna(f.median()).drop_duplicates().to_numpy(dtype="float64")
