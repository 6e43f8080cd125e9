# mistake: ", or null" added inside the number branch only: a nullable bool or category loses it
# fails: allowed matches the reference
from typing import Any


def allowed_text(rule: dict[str, Any]) -> str:
    kind = rule["type"]
    low, high = rule.get("min"), rule.get("max")
    if kind == "category" and rule.get("allowed"):
        text = "one of " + ", ".join(repr(v) for v in rule["allowed"])
    elif kind == "bool":
        text = "true or false"
    elif kind in ("int", "float"):
        noun = "an integer" if kind == "int" else "a number"
        if low is not None and high is not None:
            text = f"{noun} from {low:g} to {high:g}"
        elif low is not None:
            text = f"{noun} of at least {low:g}"
        elif high is not None:
            text = f"{noun} of at most {high:g}"
        else:
            text = noun
        if rule.get("nullable"):
            text += ", or null"
    else:
        text = "text"
    return text
