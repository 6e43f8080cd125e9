# right: two sorts, the tie-breaker first: a stable sort keeps the string order among equal counts
def top_words(words, n):
    counts = {}
    for word in words:
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
    alphabetical = sorted(counts)
    by_count = sorted(alphabetical, key=lambda word: counts[word], reverse=True)
    return by_count[:n]
