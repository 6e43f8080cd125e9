# right: low and high start at ±infinity, which any number replaces; None only in the summary
import math


class RunningStats:
    def __init__(self, values=()):
        self.count = 0
        self.total = 0
        self.low = math.inf
        self.high = -math.inf
        for value in values:
            self.add(value)

    def add(self, value):
        self.count += 1
        self.total += value
        self.low = min(self.low, value)
        self.high = max(self.high, value)

    def summary(self):
        if not self.count:
            return {"count": 0, "mean": None, "low": None, "high": None}
        return {
            "count": self.count,
            "mean": self.total / self.count,
            "low": self.low,
            "high": self.high,
        }
