# mistake: trims the winning spelling, where the canonical one is returned exactly as written
# fails: canonical matches the reference
# on: a tie between padded and clean: ' ' sorts before letters
def canonical_spellings(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(" ".join(spelling.split()).casefold(), []).append(spelling)
    return {s: min(g, key=lambda w: (-counts[w], w)).strip() for g in groups.values() for s in g}
