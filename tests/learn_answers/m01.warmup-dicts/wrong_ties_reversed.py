# mistake: reverse=True on (count, word) also reverses the tie order: "pear" before "apple"
# fails: top matches the reference
# on: a tie: string order decides
def top_words(words, n):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (counts[word], word), reverse=True)[:n]
