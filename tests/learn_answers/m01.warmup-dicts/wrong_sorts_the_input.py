# mistake: sorts the caller's list in place to count runs of equal words
# fails: does not modify its inputs
# on: a clear winner
def top_words(words, n):
    words.sort()
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], word))[:n]
