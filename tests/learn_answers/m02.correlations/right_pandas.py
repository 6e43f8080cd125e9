# right: pandas' Series.corr with method="pearson" and method="spearman"
import pandas as pd


def correlations(x, y):
    a, b = pd.Series(x), pd.Series(y)
    return float(a.corr(b)), float(a.corr(b, method="spearman"))
