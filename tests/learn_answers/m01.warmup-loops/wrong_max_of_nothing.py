# mistake: collects every run's length and takes max() of them, which fails when there is none
# fails: longest_gap() runs without error
# on: no readings at all
def longest_gap(readings):
    lengths, starts = [], []
    for i, reading in enumerate(readings):
        if reading is None:
            if i > 0 and readings[i - 1] is None:
                lengths[-1] += 1
            else:
                lengths.append(1)
                starts.append(i)
    best = max(lengths)
    return best, starts[lengths.index(best)]
