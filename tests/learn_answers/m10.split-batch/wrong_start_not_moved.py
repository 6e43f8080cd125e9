# mistake: the start is never moved: every request gets the first rows of the batch
# fails: slices matches the reference
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    start = 0
    return [out[start : start + n] for n in sizes]
