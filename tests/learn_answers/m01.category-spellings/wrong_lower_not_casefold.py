# mistake: lower() where casefold() is needed: "straße" and "STRASSE" stay two categories
# fails: canonical matches the reference
# on: ß folds to ss: casefold(), not lower()
def canonical_spellings(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(" ".join(spelling.split()).lower(), []).append(spelling)
    return {s: min(g, key=lambda w: (-counts[w], w)) for g in groups.values() for s in g}
