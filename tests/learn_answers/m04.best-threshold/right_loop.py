# right: a loop over the thresholds, keeping the first best (a later equal one never replaces it)
def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    best_t, best_value = None, None
    for k in range(101):
        t = round(k / 100, 2)
        value = sum(
            label * success_rate * saved_value - offer_cost
            for label, p in zip(y.tolist(), proba.tolist(), strict=True)
            if p >= t
        )
        if best_value is None or value > best_value:
            best_t, best_value = t, value
    return best_t, best_value / len(y)
