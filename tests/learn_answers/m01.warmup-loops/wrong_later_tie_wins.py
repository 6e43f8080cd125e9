# mistake: >= replaces the best by a run that is only as long, so the last of equal gaps wins
# fails: start matches the reference
# on: two gaps equally long: the first wins
def longest_gap(readings):
    best, start, length = 0, None, 0
    for i, reading in enumerate(readings):
        if reading is None:
            length += 1
            if length >= best:
                best, start = length, i - length + 1
        else:
            length = 0
    return best, start
