# right: a loop that moves the start by each size after taking that request's slice
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    pieces = []
    start = 0
    for n in sizes:
        pieces.append(out[start : start + n])
        start += n
    return pieces
