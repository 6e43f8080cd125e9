# mistake: request i gets out[i]: right only while every request sends one record
# fails: slices matches the reference
import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    return [out[i : i + 1] for i in range(len(sizes))]
