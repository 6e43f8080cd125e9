# mistake: the number as str() writes it, without a comma every three digits
# fails: text matches the reference
# on: 1,000: a thousands separator
def count(n, noun, plural=""):
    word = noun if n == 1 else (plural or noun + "s")
    return f"{n} {word}"
