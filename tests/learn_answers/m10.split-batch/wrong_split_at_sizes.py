# mistake: np.split at the sizes themselves, not at their running totals
# fails: slices matches the reference
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    return np.split(out, sizes[:-1])
