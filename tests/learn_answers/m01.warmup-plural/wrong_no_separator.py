# mistake: the number as str() writes it, without a comma every three digits
# fails: text matches the reference
def count(n, noun, plural=""):
    word = noun if n == 1 else (plural or noun + "s")
    return f"{n} {word}"
