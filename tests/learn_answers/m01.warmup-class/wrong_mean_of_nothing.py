# mistake: divides by the count even when it is 0
# fails: RunningStats() runs without error
# on: a new object: nothing added yet
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
        return {
            "count": self.count,
            "mean": self.total / self.count,
            "low": self.low,
            "high": self.high,
        }
