# mistake: returns what list.sort() returns, which is None (sort() sorts in place)
# fails: top matches the reference
# on: one word
def top_words(words, n):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    ranked = list(counts)
    return ranked.sort(key=lambda word: (-counts[word], word))
