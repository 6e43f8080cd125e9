"""Exercise m10.group-commit — which pending writes share the next transaction.

The service answers 200 only once the prediction is committed to the prediction log, so an
acknowledged prediction survives a crash a microsecond later. One COMMIT per request would make
every request wait for its own ``fsync`` (milliseconds on a real disk). Instead one writer
thread takes everything that is queued and commits it in ONE transaction — one ``fsync`` for
many requests — and only then wakes the requests in it (*group commit*).

The writer's rule, for a queue of pending writes (``sizes[i]`` rows for write ``i``, in queue
order; a feedback counts as one row) and a limit ``max_batch`` (rows per transaction):

1. a transaction always takes the first pending write, whatever its size: a write's rows
   commit together or not at all, so a write is never split, even above ``max_batch``;
2. it then keeps taking the next write while the rows it holds are fewer than ``max_batch``
   (so the write that reaches or passes the limit is the last one in);
3. the next transaction starts with the next write, until the queue is empty.

Write ``transactions(sizes, max_batch)`` returning how many writes each transaction takes, in
order: ``transactions([3, 3, 3, 3], 10) == [4]``, ``transactions([25, 1, 1], 10) == [1, 2]``.

Check it with ``aieng check m10.group-commit``; stuck? ``aieng hint m10.group-commit``.
"""


def transactions(sizes: list[int], max_batch: int) -> list[int]:
    # TODO: walk the queue once, one transaction at a time, by the three rules above
    raise NotImplementedError("write transactions")
