# right: the phrase assembled from parts, format() with the "g" format spec
from typing import Any


def allowed_text(rule: dict[str, Any]) -> str:
    kind = rule["type"]
    parts = []
    if kind == "category" and rule.get("allowed"):
        parts.append("one of " + ", ".join(repr(level) for level in rule["allowed"]))
    elif kind == "bool":
        parts.append("true or false")
    elif kind in ("int", "float"):
        parts.append("an integer" if kind == "int" else "a number")
        low, high = rule.get("min"), rule.get("max")
        if low is not None and high is not None:
            parts.append("from " + format(low, "g") + " to " + format(high, "g"))
        elif low is not None:
            parts.append("of at least " + format(low, "g"))
        elif high is not None:
            parts.append("of at most " + format(high, "g"))
    else:
        parts.append("text")
    text = " ".join(parts)
    return text + ", or null" if rule.get("nullable") is True else text
