# mistake: // is floor division: the mean of 1 and 2 comes out as 1
# fails: summaries matches the reference
# on: the mean of 1 and 2 is 1.5
class RunningStats:
    def __init__(self, values=None):
        self.count, self.total, self.low, self.high = 0, 0, None, None
        for value in values or []:
            self.add(value)

    def add(self, value):
        self.count += 1
        self.total += value
        self.low = value if self.low is None else min(self.low, value)
        self.high = value if self.high is None else max(self.high, value)

    def summary(self):
        mean = self.total // self.count if self.count else None
        return {"count": self.count, "mean": mean, "low": self.low, "high": self.high}
