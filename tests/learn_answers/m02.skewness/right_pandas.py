# right: pandas' Series.skew() is the adjusted Fisher-Pearson coefficient
import pandas as pd


def skewness(x):
    return float(pd.Series(x).skew())
