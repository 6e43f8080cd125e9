# mistake: keeps the list it was given and appends to it: the caller's list grows
# fails: given_lists_unchanged matches the reference
# on: started from a list
class RunningStats:
    def __init__(self, values=None):
        self.values = values if values is not None else []

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
