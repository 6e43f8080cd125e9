# mistake: max_batch read as a number of writes, not of rows
# fails: counts matches the reference
def transactions(sizes: list[int], max_batch: int) -> list[int]:
    counts = []
    i = 0
    while i < len(sizes):
        rows, taken = sizes[i], 1
        i += 1
        while i < len(sizes) and taken < max_batch:
            rows += sizes[i]
            taken += 1
            i += 1
        counts.append(taken)
    return counts
