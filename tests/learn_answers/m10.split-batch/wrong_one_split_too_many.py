# mistake: np.split at every running total, the last included: one empty piece too many
# fails: slices matches the reference
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    return np.split(out, np.cumsum(sizes))
