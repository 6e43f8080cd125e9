# right: one pass; a transaction is closed once its rows reach max_batch
def transactions(sizes: list[int], max_batch: int) -> list[int]:
    counts = []
    taken = rows = 0
    for size in sizes:
        taken += 1
        rows += size
        if rows >= max_batch:
            counts.append(taken)
            taken = rows = 0
    if taken:
        counts.append(taken)
    return counts
