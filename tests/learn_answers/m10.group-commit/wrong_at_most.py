# mistake: keeps taking while rows <= max_batch: the write that reaches the limit is not the last
# fails: counts matches the reference
def transactions(sizes: list[int], max_batch: int) -> list[int]:
    counts = []
    i = 0
    while i < len(sizes):
        rows, taken = sizes[i], 1
        i += 1
        while i < len(sizes) and rows <= max_batch:
            rows += sizes[i]
            taken += 1
            i += 1
        counts.append(taken)
    return counts
