# mistake: drops the copies first, but takes the medians of the table as it came, copies included
# fails: cleaned matches the reference
import pandas as pd


def fill_and_dedupe(X):
    medians = pd.DataFrame(X).median()
    return pd.DataFrame(X).drop_duplicates().fillna(medians).to_numpy(dtype="float64")
