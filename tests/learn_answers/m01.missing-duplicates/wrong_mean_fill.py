# mistake: fills with the mean, which one wild value moves, instead of the median
# fails: cleaned matches the reference
import pandas as pd


def fill_and_dedupe(X):
    f = pd.DataFrame(X).drop_duplicates()
    return f.fillna(f.mean()).to_numpy(dtype="float64")
