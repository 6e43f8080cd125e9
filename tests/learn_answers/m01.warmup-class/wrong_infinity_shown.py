# mistake: starts low and high at ±infinity and shows them when nothing was added
# fails: summaries matches the reference
# on: a new object: nothing added yet
class RunningStats:
    def __init__(self, values=None):
        self.count, self.total = 0, 0
        self.low, self.high = float("inf"), float("-inf")
        for value in values or []:
            self.add(value)

    def add(self, value):
        self.count += 1
        self.total += value
        self.low = min(self.low, value)
        self.high = max(self.high, value)

    def summary(self):
        mean = self.total / self.count if self.count else None
        return {"count": self.count, "mean": mean, "low": self.low, "high": self.high}
