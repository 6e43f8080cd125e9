# mistake: lower-cases the words, so "The" and "the" are counted as one word
# fails: top matches the reference
# on: capitals sort before small letters
def top_words(words, n):
    counts = {}
    for word in words:
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], word))[:n]
