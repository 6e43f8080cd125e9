# right: a regular expression for the spaces, Counter for the counts, the winner kept in a loop
import re
from collections import Counter


def canonical_spellings(values):
    counts = Counter(values)
    best = {}  # key -> the best spelling so far
    for spelling, rows in counts.items():
        key = re.sub(r"\s+", " ", spelling).strip().casefold()
        current = best.get(key)
        if (
            current is None
            or rows > counts[current]
            or (rows == counts[current] and spelling < current)
        ):
            best[key] = spelling
    return {s: best[re.sub(r"\s+", " ", s).strip().casefold()] for s in counts}
