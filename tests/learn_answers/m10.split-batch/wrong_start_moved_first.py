# mistake: moves the start before slicing: each request gets the rows of the one after it
# fails: slices matches the reference
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    pieces = []
    start = 0
    for n in sizes:
        start += n
        pieces.append(out[start : start + n])
    return pieces
