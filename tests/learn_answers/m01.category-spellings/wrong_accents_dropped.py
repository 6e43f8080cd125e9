# mistake: strips accents too, so "café" and "cafe" (two different words here) are merged
# fails: canonical matches the reference
# on: accents are letters: café and cafe stay apart
import unicodedata


def canonical_spellings(values):
    def key(spelling):
        decomposed = unicodedata.normalize("NFKD", " ".join(spelling.split()).casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = {}
    for spelling in counts:
        groups.setdefault(key(spelling), []).append(spelling)
    return {s: min(g, key=lambda w: (-counts[w], w)) for g in groups.values() for s in g}
