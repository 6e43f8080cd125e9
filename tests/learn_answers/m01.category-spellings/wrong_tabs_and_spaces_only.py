# mistake: collapses runs of spaces and tabs only, so an inner non-breaking space keeps two apart
# fails: canonical matches the reference
# on: a non-breaking space inside is a space too
import re


def canonical_spellings(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(re.sub(r"[ \t]+", " ", spelling).strip().casefold(), []).append(spelling)
    return {s: min(g, key=lambda w: (-counts[w], w)) for g in groups.values() for s in g}
