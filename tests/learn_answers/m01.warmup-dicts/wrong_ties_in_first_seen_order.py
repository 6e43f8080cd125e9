# mistake: sorts by count alone, so equal counts stay in the order the words were first seen
# fails: top matches the reference
# on: a tie: string order decides
def top_words(words, n):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=counts.get, reverse=True)[:n]
