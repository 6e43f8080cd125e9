# right: an index walks the queue; each transaction takes its first write, then more while below
def transactions(sizes: list[int], max_batch: int) -> list[int]:
    counts = []
    i = 0
    while i < len(sizes):
        first = i
        rows = sizes[i]
        i += 1
        while i < len(sizes) and rows < max_batch:
            rows += sizes[i]
            i += 1
        counts.append(i - first)
    return counts
