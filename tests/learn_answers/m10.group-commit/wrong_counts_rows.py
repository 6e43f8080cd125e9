# mistake: returns the rows of each transaction, not how many writes it took
# fails: counts matches the reference
def transactions(sizes: list[int], max_batch: int) -> list[int]:
    counts = []
    i = 0
    while i < len(sizes):
        rows, taken = sizes[i], 1
        i += 1
        while i < len(sizes) and rows < max_batch:
            rows += sizes[i]
            taken += 1
            i += 1
        counts.append(rows)
    return counts
