# right: a run is judged when a reading ends it; a sentinel reading added to a copy ends the last
def longest_gap(readings):
    best, best_start = 0, None
    run_start = None
    for i, reading in enumerate([*readings, 0.0]):  # a reading at the end ends a last run
        if reading is None:
            if run_start is None:
                run_start = i
        elif run_start is not None:
            if i - run_start > best:
                best, best_start = i - run_start, run_start
            run_start = None
    return best, best_start
