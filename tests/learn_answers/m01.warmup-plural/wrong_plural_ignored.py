# mistake: takes a plural argument but always adds an s ("2 entrys")
# fails: text matches the reference
# on: a plural given: count(2, 'entry', 'entries')
def count(n, noun, plural=""):
    word = noun if n == 1 else noun + "s"
    return f"{n:,} {word}"
