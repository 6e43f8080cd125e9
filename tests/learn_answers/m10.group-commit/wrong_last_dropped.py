# mistake: a transaction is only recorded when it fills up: the last, partial one is lost
# fails: counts matches the reference
def transactions(sizes: list[int], max_batch: int) -> list[int]:
    counts = []
    taken = rows = 0
    for size in sizes:
        taken += 1
        rows += size
        if rows >= max_batch:
            counts.append(taken)
            taken = rows = 0
    return counts
