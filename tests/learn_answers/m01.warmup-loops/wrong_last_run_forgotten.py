# mistake: a run is only judged when a reading follows it, so a gap at the end is never counted
# fails: length matches the reference
# on: one reading, missing
def longest_gap(readings):
    best, start, length = 0, None, 0
    for i, reading in enumerate(readings):
        if reading is None:
            length += 1
        else:
            if length > best:
                best, start = length, i - length
            length = 0
    return best, start
