# right: the mean updated step by step (mean += (x - mean) / n), no total kept
class RunningStats:
    def __init__(self, values=None):
        self.n = 0
        self.mean = 0.0
        self.lowest = None
        self.highest = None
        for value in values or []:
            self.add(value)

    def add(self, value):
        self.n += 1
        self.mean += (value - self.mean) / self.n
        if self.lowest is None or value < self.lowest:
            self.lowest = value
        if self.highest is None or value > self.highest:
            self.highest = value

    def summary(self):
        if self.n == 0:
            return {"count": 0, "mean": None, "low": None, "high": None}
        return {"count": self.n, "mean": self.mean, "low": self.lowest, "high": self.highest}
