# mistake: sorts the caller's list in place to walk through the spellings in order
# fails: does not modify its inputs
# on: nothing to merge
def canonical_spellings(values):
    values.sort()
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(" ".join(spelling.split()).casefold(), []).append(spelling)
    return {s: min(g, key=lambda w: (-counts[w], w)) for g in groups.values() for s in g}
