# mistake: the gate with a plain >=: a candidate exactly at the margin (in floats) is rejected
# fails: outcome matches the reference
def decide_outcome(candidate, baseline, champion, margin, min_improvement, higher_is_better):
    def gain(new, old):
        return new - old if higher_is_better else old - new

    if gain(candidate, baseline) < margin:
        return "rejected"
    if champion is None or gain(candidate, champion) > min_improvement:
        return "champion"
    return "challenger"
