# mistake: plural has no default, so count(2, "row") cannot be called
# fails: count() runs without error
# on: one: count(1, 'row')
def count(n, noun, plural):
    word = noun if n == 1 else (plural or noun + "s")
    return f"{n:,} {word}"
