# right: collections.Counter counts; the sort key puts the count first (negated) and the word second
from collections import Counter


def top_words(words, n):
    counts = Counter(words)
    pairs = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [word for word, _ in pairs[:n]]
