"""Exercise m10.split-batch — dynamic batching: hand each request its share of the answer.

A scikit-learn Pipeline costs about the same for 1 row as for 100 (about 14 ms, nearly all of
it fixed overhead: input checks, column selection, one-hot encoding). So the service does not
call the model once per request: requests put their records in a queue, one worker takes
everything waiting, concatenates the records in queue order, calls the model *once*, and then
must give each waiting request exactly its own rows of the output.

Write ``split_batch(sizes, out)``: ``sizes[i]`` is how many records request ``i`` sent (each at
least 1), and ``out`` is the model's output for all of them concatenated, one row per record
(shape ``(sum(sizes),)``). Return a list with one NumPy array per request, in order: request
``i`` gets ``out[start_i : start_i + sizes[i]]``, where ``start_i`` is the sum of the sizes
before it. Do not modify ``out`` (slices are views: they cost nothing to make).

``hand_out`` is written for you and is what the grader calls: it returns how many rows each
request got, and a table with request ``i``'s rows in row ``i`` (padded with -1).

Check it with ``aieng check m10.split-batch``; stuck? ``aieng hint m10.split-batch``.
"""

import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    # TODO: start = 0; for each n in sizes: take out[start : start + n], then start += n
    # TODO: return the list of slices (np.split(out, np.cumsum(sizes)[:-1]) does the same)
    raise NotImplementedError("write split_batch")


def hand_out(sizes: list[int], out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Graded (leave as is): (rows per request, the rows as a table padded with -1)."""
    slices = split_batch(list(sizes), out)
    if not isinstance(slices, list | tuple) or len(slices) != len(sizes):
        raise ValueError(f"split_batch must return one array per request ({len(sizes)})")
    lengths = np.array([len(s) for s in slices], dtype=np.float64)
    table = np.full((len(sizes), max(sizes)), -1.0)
    for i, piece in enumerate(slices):
        values = np.asarray(piece, dtype=np.float64)[: max(sizes)]
        table[i, : len(values)] = values
    return lengths, table
