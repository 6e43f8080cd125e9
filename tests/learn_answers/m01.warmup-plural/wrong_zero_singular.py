# mistake: singular for n <= 1, so zero reads "0 row"
# fails: text matches the reference
# on: zero takes the plural: count(0, 'row')
def count(n, noun, plural=""):
    word = noun if n <= 1 else (plural or noun + "s")
    return f"{n:,} {word}"
