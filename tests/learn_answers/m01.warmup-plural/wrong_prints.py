# mistake: prints the text instead of returning it, so the caller gets None
# fails: text is text
# on: one: count(1, 'row')
def count(n, noun, plural=""):
    word = noun if n == 1 else (plural or noun + "s")
    print(f"{n:,} {word}")
