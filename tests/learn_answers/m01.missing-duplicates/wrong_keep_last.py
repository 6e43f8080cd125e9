# mistake: keeps the last copy of a repeated row, so the rows leave their first order
# fails: cleaned matches the reference
import pandas as pd


def fill_and_dedupe(X):
    f = pd.DataFrame(X).drop_duplicates(keep="last")
    return f.fillna(f.median()).to_numpy(dtype="float64")
