# mistake: starts from "contact nobody = threshold 1.00, value 0" and only replaces it by a
# better value: when nobody is worth an offer, the lowest threshold that contacts nobody is lost
# fails: threshold matches the reference


def best_threshold(y, proba, offer_cost, saved_value, success_rate):
    gain = y * success_rate * saved_value - offer_cost
    best_t, best_value = 1.0, 0.0
    for k in range(101):
        t = k / 100
        value = gain[proba >= t].sum()
        if value > best_value:
            best_t, best_value = t, value
    return float(best_t), float(best_value / len(y))
