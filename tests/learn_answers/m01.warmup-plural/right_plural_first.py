# right: settles the plural first (an empty one falls back with `or`), then joins two words
def count(n, noun, plural=""):
    plural = plural or noun + "s"
    return " ".join([f"{n:,}", noun if n == 1 else plural])
