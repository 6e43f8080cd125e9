"""Request models generated from the model's data contract, and 422s that say what is allowed.

The month-6 contract is the single description of a valid row: the pipeline validated its
training data with it, and here the same rules become a pydantic model, so a request is held
to exactly what the model was trained on. A wrong type, a missing field, an unknown category or
an out-of-range value is refused with the field named, the value received and what is allowed.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

import orjson
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    create_model,
)

from aieng.contract import ColumnRule, Contract

PYTHON_TYPES: dict[str, type] = {"int": int, "float": float, "bool": bool, "text": str}


def _whole(value: Any) -> Any:
    """5.0 → 5: JSON Schema counts a number with no fraction as an integer (so do JSON encoders
    that write every number as a float); 5.5, "5" and true stay as they are, to be refused."""
    if type(value) is float and value.is_integer() and abs(value) <= 2**53:
        return int(value)  # past 2**53 a float is no longer every integer: not a count of ours
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole)]


def _annotation(rule: ColumnRule) -> Any:
    if rule.type == "category" and rule.allowed:
        return Literal[tuple(rule.allowed)]  # the error message lists the allowed values
    if rule.type == "int":
        return WholeNumber
    return PYTHON_TYPES.get(rule.type, str)


def record_model(
    contract: Contract, *, features: tuple[str, ...], extra: tuple[str, ...] = ()
) -> type[BaseModel]:
    """A pydantic model of one request record: the model's features, plus optional ``extra``.

    Unknown fields are refused (``extra="forbid"``): a misspelt field name would otherwise be
    silently dropped and the model would see a missing value.
    """
    fields: dict[str, Any] = {}
    for name in (*features, *extra):
        rule = contract.columns[name]
        kwargs: dict[str, Any] = {"description": rule.description or None}
        if rule.type in ("int", "float"):
            kwargs["ge"], kwargs["le"] = rule.min, rule.max
        annotation = _annotation(rule)
        if rule.nullable or not rule.required or name in extra:
            fields[name] = (annotation | None, Field(None, **kwargs))
        else:
            fields[name] = (annotation, Field(..., **kwargs))
    # strict: a value must already have its field's JSON type. "5" for an integer or "yes" for
    # a boolean is refused, not coerced: a client that sends text where a number belongs has a
    # bug, and guessing what it meant would hide it. JSON Schema's own rules still hold: a
    # number field takes 100 for 100.0, and an integer field 5.0 for 5 (WholeNumber).
    # No NaN or infinity, even where the contract sets no range: a model cannot use them and
    # the prediction log (JSON) cannot store them.
    config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
    return create_model("Record", __config__=config, **fields)


class RecordParser:
    """Parses one record or a list of records; errors come back as field-level problems."""

    def __init__(self, contract: Contract, model: type[BaseModel], *, max_batch: int) -> None:
        self.contract = contract
        self.model = model
        self.max_batch = max_batch
        # The batch limits are checked while the list is read (parse_json), not after.
        bounded = Annotated[list[model], Field(min_length=1, max_length=max_batch)]  # type: ignore[valid-type]
        self._many: TypeAdapter[list[BaseModel]] = TypeAdapter(bounded)

    def parse_json(self, raw: bytes) -> tuple[list[dict[str, Any]], bool]:
        """:meth:`parse` for a request body, straight from its bytes.

        pydantic reads the JSON and checks the records in one pass, in Rust, without building
        the Python lists and dicts :meth:`parse` starts from: about a third less time per row.
        A body it refuses goes through :meth:`parse`, so every error reads the same.
        """
        single = raw.lstrip()[:1] == b"{"
        try:
            if single:
                parsed = [self.model.model_validate_json(raw)]
            else:
                parsed = self._many.validate_json(raw)
        except ValidationError:
            return self.parse(loads(raw))  # raises InvalidRequest, naming every problem
        return [r.__dict__.copy() for r in parsed], single

    def parse(self, body: Any) -> tuple[list[dict[str, Any]], bool]:
        """``(records, single)``; raises :class:`InvalidRequest` with every problem found."""
        single = isinstance(body, dict)
        items = [body] if single else body
        if not isinstance(items, list):
            raise InvalidRequest(
                [problem("body", body, "a JSON object (one record) or a list of them", "")]
            )
        if not items:
            raise InvalidRequest([problem("body", [], "at least one record", "")])
        if len(items) > self.max_batch:
            raise InvalidRequest(
                [
                    problem(
                        "body",
                        f"a list of {len(items):,} records",
                        f"at most {self.max_batch:,} records per request",
                        "split the batch (`aieng predict` does it for you)",
                    )
                ]
            )
        try:
            parsed = self._many.validate_python(items)
        except ValidationError as exc:
            raise InvalidRequest(self._problems(exc, single)) from None
        # The validated values: records are flat, so this is what model_dump() returns, at a
        # fifteenth of its cost (it walks every value, looking for nested models to convert).
        return [r.__dict__.copy() for r in parsed], single

    def _problems(self, exc: ValidationError, single: bool) -> list[dict[str, Any]]:
        out = []
        for err in exc.errors(include_url=False)[:50]:
            loc = list(err["loc"])
            index = loc.pop(0) if loc and isinstance(loc[0], int) else None
            name = str(loc[0]) if loc else ""
            # Literal errors add the value as the last location part; keep the field only.
            where = name if single or index is None else f"[{index}].{name}"
            rule = self.contract.columns.get(name)
            received, message = err.get("input"), err["msg"]
            if not name:  # the item itself is wrong: a list or a number where a record belongs
                where = f"[{index}]" if index is not None and not single else "body"
                allowed = "a JSON object: one record"
            elif err["type"] == "extra_forbidden":
                allowed = "only the fields listed by GET /v1/model"
                # A long name cannot be a typo of ours, and difflib's cost grows with its length.
                fields = list(self.model.model_fields) if len(name) <= 100 else []
                close = difflib.get_close_matches(name, fields, n=1)
                if close:
                    message += f"; did you mean {close[0]!r}?"
            elif err["type"] == "missing":
                allowed = f"a value ({allowed_text(rule)})" if rule else "a value"
                received = None  # pydantic hands back the whole record here
            else:
                allowed = allowed_text(rule) if rule else ""
            out.append(problem(where or "body", received, allowed, message))
        return out


def allowed_text(rule: ColumnRule | None) -> str:
    """What a field accepts, in words: "an integer from 0 to 120", "one of 'No', 'Yes'"."""
    if rule is None:
        return ""
    if rule.type == "category" and rule.allowed:
        text = "one of " + ", ".join(repr(v) for v in rule.allowed)
    elif rule.type == "bool":
        text = "true or false"
    elif rule.type in ("int", "float"):
        kind = "an integer" if rule.type == "int" else "a number"
        if rule.min is not None and rule.max is not None:
            text = f"{kind} from {rule.min:g} to {rule.max:g}"
        elif rule.min is not None:
            text = f"{kind} of at least {rule.min:g}"
        elif rule.max is not None:
            text = f"{kind} of at most {rule.max:g}"
        else:
            text = kind
    else:
        text = "text"
    return text + (", or null" if rule.nullable else "")


def loads(raw: bytes) -> Any:
    """A request body as JSON; a 422 problem if it is not JSON."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidRequest([problem("body", None, "valid JSON", str(exc))]) from None


def problem(field: str, received: Any, allowed: str, message: str) -> dict[str, Any]:
    """One entry of a 422 response's ``detail`` list; what was received is shown by :func:`echo`."""
    return {
        "field": echo(field),
        "received": echo(received),
        "allowed": allowed,
        "message": message,
    }


# What a 422 shows back of a value it refused: enough to recognise it, never all of a huge or
# deeply nested one. Echoed whole, a value nested 255+ levels deep made the 422 itself fail
# (orjson writes at most 254 levels: a 500 and a dropped connection), and a 1 MB value came
# back whole, doubling what a hostile client costs us.
ECHO_DEPTH = 4  # levels of lists and objects shown
ECHO_ITEMS = 10  # items of a list, keys of an object
ECHO_TEXT = 200  # characters of a text


def echo(value: Any, depth: int = 0) -> Any:
    """``value`` cut to :data:`ECHO_DEPTH` levels, :data:`ECHO_ITEMS` items and
    :data:`ECHO_TEXT` characters; what is cut is replaced by a text saying how much there was."""
    if isinstance(value, str):
        if len(value) <= ECHO_TEXT:
            return value
        return f"{value[:ECHO_TEXT]}… ({len(value):,} characters)"
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return echo(str(value))  # JSON allows any integer; the 422's writer, 64 bits
    if not isinstance(value, list | dict):
        return value  # a number, a boolean or null: small by nature
    if depth >= ECHO_DEPTH:
        kind = "a list" if isinstance(value, list) else "an object"
        return f"<{kind} nested more than {ECHO_DEPTH} levels deep>"
    if isinstance(value, list):
        shown: list[Any] = [echo(v, depth + 1) for v in value[:ECHO_ITEMS]]
        if len(value) > ECHO_ITEMS:
            shown.append(f"… ({len(value):,} items)")
        return shown
    keys = list(value)[:ECHO_ITEMS]
    out = {echo(str(k)): echo(value[k], depth + 1) for k in keys}
    if len(value) > ECHO_ITEMS:
        out["…"] = f"({len(value):,} keys)"
    return out


class InvalidRequest(Exception):
    """The request body broke the contract; ``problems`` is the 422's ``detail``."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the request")
        self.problems = problems
