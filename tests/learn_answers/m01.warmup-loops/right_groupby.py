# right: itertools.groupby cuts the list into runs; the index moves by each run's length
from itertools import groupby


def longest_gap(readings):
    best, start, index = 0, None, 0
    for missing, run in groupby(readings, key=lambda reading: reading is None):
        length = len(list(run))
        if missing and length > best:
            best, start = length, index
        index += length
    return best, start
