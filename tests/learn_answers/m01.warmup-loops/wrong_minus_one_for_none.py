# mistake: -1 for "no gap", a habit from other languages, where the docstring asks for None
# fails: start matches the reference
# on: no readings at all
def longest_gap(readings):
    best, start, length = 0, -1, 0
    for i, reading in enumerate(readings):
        if reading is None:
            length += 1
            if length > best:
                best, start = length, i - length + 1
        else:
            length = 0
    return best, start
