"""Exercise m01.missing-duplicates — drop copied rows, then fill the holes, with pandas.

Two repairs every raw table needs, in this order:

1. **Duplicates**: a row equal to an earlier row in every column is a copy (an export run
   twice, a join that repeated rows). Drop it and keep the first. Missing values count as
   equal to each other here (pandas does the same).
2. **Missing values**: fill each column's NaN with the *median* of that column's present
   values, computed *after* the copies are gone (copies would pull the median towards them).
   The median, not the mean: one wild value moves the mean a lot and the median hardly at all.

``X`` is a float array of shape (n_rows, n_columns) holding NaN for missing values; every
column has some present values. Return the cleaned table as a float64 array of shape
(n_kept, n_columns), rows in their original order. Do not change ``X``.

pandas has a method for each repair (the ``DataFrame`` documentation lists them; read what
each does with NaN), and ``.to_numpy(dtype="float64")`` turns a frame back into an array.

Check it with ``aieng check m01.missing-duplicates``; stuck? ``aieng hint m01.missing-duplicates``.
"""

import numpy as np
import pandas as pd


def fill_and_dedupe(X: np.ndarray) -> np.ndarray:
    # TODO: a DataFrame of X, without the rows that repeat an earlier row
    # TODO: fill every column's NaN with that column's median; back to a float64 array
    raise NotImplementedError("write fill_and_dedupe")
