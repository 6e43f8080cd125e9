# mistake: Counter.most_common(n) breaks ties by first appearance, not by string order
# fails: top matches the reference
# on: a tie: string order decides
from collections import Counter


def top_words(words, n):
    return [word for word, _ in Counter(words).most_common(n)]
