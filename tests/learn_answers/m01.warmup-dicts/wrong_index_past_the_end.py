# mistake: takes ranked[i] for i in range(n), which fails when there are fewer words than n
# fails: top_words() runs without error
# on: no words
def top_words(words, n):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    return [ranked[i] for i in range(n)]
