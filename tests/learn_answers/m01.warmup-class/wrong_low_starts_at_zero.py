# mistake: low and high start at 0, so numbers all above 0 keep a low of 0
# fails: summaries matches the reference
# on: one number
class RunningStats:
    def __init__(self, values=None):
        self.count, self.total, self.low, self.high = 0, 0, 0, 0
        for value in values or []:
            self.add(value)

    def add(self, value):
        self.count += 1
        self.total += value
        self.low = min(self.low, value)
        self.high = max(self.high, value)

    def summary(self):
        if self.count == 0:
            return {"count": 0, "mean": None, "low": None, "high": None}
        return {
            "count": self.count,
            "mean": self.total / self.count,
            "low": self.low,
            "high": self.high,
        }
