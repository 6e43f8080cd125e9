# mistake: the list is a class attribute, one list shared by every RunningStats object
# fails: summaries matches the reference
# on: an object made after another was filled starts empty
class RunningStats:
    values = []  # noqa: RUF012

    def __init__(self, values=None):
        for value in values or []:
            self.add(value)

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
