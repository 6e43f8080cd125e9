# mistake: compares the keys with `is` (the same object) instead of == (the same text)
# fails: canonical matches the reference
# on: case: the most frequent spelling wins
def canonical_spellings(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    groups = []  # [key, [spellings]]
    for spelling in counts:
        key = " ".join(spelling.split()).casefold()
        for group in groups:
            if group[0] is key:
                group[1].append(spelling)
                break
        else:
            groups.append([key, [spelling]])
    result = {}
    for _, spellings in groups:
        winner = min(spellings, key=lambda w: (-counts[w], w))
        for spelling in spellings:
            result[spelling] = winner
    return result
