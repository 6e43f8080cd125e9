# mistake: off by one: keeps n - 1 words
# fails: top matches the reference
# on: one word
def top_words(words, n):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    return ranked[: n - 1]
