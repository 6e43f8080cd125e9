# mistake: np.array_split into len(sizes) equal parts, whatever each request sent
# fails: slices matches the reference
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    return np.array_split(out, len(sizes))
