# mistake: a write larger than max_batch is skipped, as if it could never commit
# fails: counts matches the reference
def transactions(sizes: list[int], max_batch: int) -> list[int]:
    counts = []
    taken = rows = 0
    for size in sizes:
        if size > max_batch:
            continue
        taken += 1
        rows += size
        if rows >= max_batch:
            counts.append(taken)
            taken = rows = 0
    if taken:
        counts.append(taken)
    return counts
