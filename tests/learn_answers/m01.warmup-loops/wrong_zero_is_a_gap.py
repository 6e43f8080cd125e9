# mistake: `if not reading` also takes a reading of 0.0 for a missing one
# fails: length matches the reference
# on: 0.0 is a reading, not a gap
def longest_gap(readings):
    best, start, length = 0, None, 0
    for i, reading in enumerate(readings):
        if not reading:
            length += 1
            if length > best:
                best, start = length, i - length + 1
        else:
            length = 0
    return best, start
