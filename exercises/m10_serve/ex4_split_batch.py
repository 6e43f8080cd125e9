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

Check it with ``aieng check m10.split-batch``; stuck? ``aieng hint m10.split-batch``.
"""

import numpy as np


def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
    # TODO: where each request's rows start, and its slice of out
    raise NotImplementedError("write split_batch")
