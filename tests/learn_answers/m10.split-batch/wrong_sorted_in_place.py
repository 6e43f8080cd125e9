# mistake: sorts out in place to "tidy" it: the caller's array changes, and rows leave their owner
# fails: does not modify its inputs
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    out.sort()
    return np.split(out, np.cumsum(sizes)[:-1])
