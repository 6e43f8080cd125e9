# mistake: strips the ends but leaves doubled inner spaces and tabs: "Fiber  optic" stays apart
# fails: canonical matches the reference
# on: doubled inner spaces, tabs
def canonical_spellings(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(spelling.strip().casefold(), []).append(spelling)
    return {s: min(g, key=lambda w: (-counts[w], w)) for g in groups.values() for s in g}
