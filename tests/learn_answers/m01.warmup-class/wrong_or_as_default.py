# mistake: `self.low or value` as "the low so far, or this value": a low of 0 counts as none
# fails: summaries matches the reference
# on: 0, then 5: the low stays 0
class RunningStats:
    def __init__(self, values=None):
        self.count, self.total, self.low, self.high = 0, 0, None, None
        for value in values or []:
            self.add(value)

    def add(self, value):
        self.count += 1
        self.total += value
        self.low = min(self.low or value, value)
        self.high = max(self.high or value, value)

    def summary(self):
        mean = self.total / self.count if self.count else None
        return {"count": self.count, "mean": mean, "low": self.low, "high": self.high}
