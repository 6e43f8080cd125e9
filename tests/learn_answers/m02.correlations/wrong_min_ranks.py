# mistake: pandas' rank(method="min"), the sports ranking where tied values all get the lowest rank
# fails: spearman matches the reference
import pandas as pd


def correlations(x, y):
    a, b = pd.Series(x), pd.Series(y)
    return float(a.corr(b)), float(a.rank(method="min").corr(b.rank(method="min")))
