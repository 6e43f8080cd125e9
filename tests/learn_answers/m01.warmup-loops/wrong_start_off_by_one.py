# mistake: the start is taken as i - length, one before the run's first None
# fails: start matches the reference
# on: one reading, missing
def longest_gap(readings):
    best, start, length = 0, None, 0
    for i, reading in enumerate(readings):
        if reading is None:
            length += 1
            if length > best:
                best, start = length, i - length
        else:
            length = 0
    return best, start
