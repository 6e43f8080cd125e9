# mistake: only a left-out plural falls back to noun + "s"; an empty one is used as it is ("3 ")
# fails: text matches the reference
# on: an empty plural means noun + 's': count(3, 'row', '')
def count(n, noun, plural=None):
    if plural is None:
        plural = noun + "s"
    word = noun if n == 1 else plural
    return f"{n:,} {word}"
