# right: a match statement on the type, the number's phrase picked from the bounds that are set
from typing import Any


def _number(kind: str, low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return f"{kind} from {low:g} to {high:g}"
    if low is not None:
        return f"{kind} of at least {low:g}"
    if high is not None:
        return f"{kind} of at most {high:g}"
    return kind


def allowed_text(rule: dict[str, Any]) -> str:
    match rule["type"]:
        case "category" if rule.get("allowed"):
            words = "one of " + ", ".join(map(repr, rule["allowed"]))
        case "bool":
            words = "true or false"
        case "int":
            words = _number("an integer", rule.get("min"), rule.get("max"))
        case "float":
            words = _number("a number", rule.get("min"), rule.get("max"))
        case _:
            words = "text"
    if rule.get("nullable", False):
        words += ", or null"
    return words
