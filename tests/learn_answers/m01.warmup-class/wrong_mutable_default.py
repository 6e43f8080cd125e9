# mistake: a list default argument: made once, shared by every RunningStats() made without one
# fails: summaries matches the reference
# on: an object made after another was filled starts empty
class RunningStats:
    def __init__(self, values=[]):  # noqa: B006
        self.values = values

    def add(self, value):
        self.values.append(value)

    def summary(self):
        if not self.values:
            return {"count": 0, "mean": None, "low": None, "high": None}
        return {
            "count": len(self.values),
            "mean": sum(self.values) / len(self.values),
            "low": min(self.values),
            "high": max(self.values),
        }
