# mistake: max by count alone: a tie goes to whichever spelling came first in the data
# fails: canonical matches the reference
# on: a tie: the first in string order ('Y' < 'y')
def canonical_spellings(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(" ".join(spelling.split()).casefold(), []).append(spelling)
    return {s: max(g, key=counts.get) for g in groups.values() for s in g}
