# right: split()/join for the spaces, a dict of lists for the groups, one sort per group
def canonical_spellings(values):
    def key(spelling):
        return " ".join(spelling.split()).casefold()

    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(key(spelling), []).append(spelling)
    canonical = {}
    for spellings in groups.values():
        winner = sorted(spellings, key=lambda s: (-counts[s], s))[0]
        for spelling in spellings:
            canonical[spelling] = winner
    return canonical
