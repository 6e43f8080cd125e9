# mistake: the count is never set back to 0 at a reading: it counts all the Nones, not a run
# fails: length matches the reference
# on: 0.0 is a reading, not a gap
def longest_gap(readings):
    best, start, length = 0, None, 0
    for i, reading in enumerate(readings):
        if reading is None:
            length += 1
            if length > best:
                best = length
                if start is None:
                    start = i
    return best, start
