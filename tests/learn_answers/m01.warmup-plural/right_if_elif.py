# right: an if/elif chain, None as the default, format() for the separator
def count(n, noun, plural=None):
    if n == 1:
        word = noun
    elif plural:
        word = plural
    else:
        word = noun + "s"
    return format(n, ",") + " " + word
