"""Graders of month 10 (``aieng.serve``): a FastAPI endpoint with its pydantic schema, the words
of a 422, the API-key rule, dynamic batching's slices and group commit's transactions.

The references are the service's own code: ``schema.record_model`` (the request model built
from a data contract), ``schema.allowed_text``, ``auth.check_key`` (401 or 403, keys compared in
constant time), ``batcher.Batcher`` (driven with a fake model) and ``PredictionLog._gather``
(driven with a queue of fake writes).

The words of a 422 are compared as text, the slices and the transactions as JSON data. The
endpoint and the key rule go through harnesses (``aieng.learn.harnesses.m10``), in the sandbox:

- the endpoint: the learner's app answers through FastAPI's ``TestClient`` (no server, no
  socket); the status, the fields a 422 names, the probability and the churn flag (a JSON
  boolean) are compared. The reference is an app with the same route whose body model is
  ``record_model`` of the exercise's contract;
- the key rule: the keys reach the learner's function as strings that report every ``==`` or
  ``in`` made between two of them, on every route, and ``hmac.compare_digest`` counts the stored
  keys it is shown: every key the rule needs, with no early exit on the first match.
"""

from __future__ import annotations

import asyncio
import math
import queue
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded
from aieng.learn.harnesses import m10 as harness
from aieng.learn.harnesses.m10 import FIELDS

Fn = Callable[..., Any]


# ── m10.endpoint: aieng.serve.schema.record_model, served by FastAPI ──────────────────────────

THRESHOLD = 0.35  # the exercise's statement (the starter says the same)
CONTRACTS = ("Month-to-month", "One year", "Two year")
CONTRACT_EFFECT = {"Month-to-month": 0.0, "One year": -1.2, "Two year": -2.4}
ENDPOINT_CONTRACT: dict[str, dict[str, Any]] = {
    "tenure": {"type": "int", "min": 0, "max": 120},
    "monthly_charges": {"type": "float", "min": 0, "max": 200},
    "contract": {"type": "category", "allowed": list(CONTRACTS)},
    "paperless_billing": {"type": "bool"},
    "total_charges": {"type": "float", "min": 0, "nullable": True, "required": False},
}


def _churn_probability(record: dict[str, Any]) -> float:
    # The exercise's toy model, as the starter gives it to the learner.
    z = (
        0.8
        - 0.05 * record["tenure"]
        + 0.02 * record["monthly_charges"]
        + CONTRACT_EFFECT[record["contract"]]
        + 0.3 * record["paperless_billing"]
        - 0.0002 * (record["total_charges"] or 0.0)
    )
    return 1.0 / (1.0 + math.exp(-z))


def _endpoint_app(record_model: Fn) -> Any:
    from fastapi import FastAPI

    from aieng.contract import Contract

    contract = Contract.from_mapping({"columns": ENDPOINT_CONTRACT})
    record = record_model(contract, features=FIELDS[:4], extra=FIELDS[4:])
    app = FastAPI()

    def predict(customer: Any) -> dict[str, Any]:
        p = _churn_probability(customer.model_dump())
        return {"probability": p, "churn": p >= THRESHOLD}

    # This module postpones annotations (strings); FastAPI needs the class itself.
    predict.__annotations__ = {"customer": record, "return": dict[str, Any]}
    app.post("/predict")(predict)
    return app


def _endpoint_reference(record_model: Fn) -> Fn:
    def create_app() -> Any:
        return _endpoint_app(record_model)

    return create_app


def _customer(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "tenure": 2,
        "monthly_charges": 99.5,
        "contract": "Month-to-month",
        "paperless_billing": True,
        "total_charges": 199.0,
    }
    record.update(changes)
    return {k: v for k, v in record.items() if v is not _DROP}


_DROP = object()  # _customer(field=_DROP) leaves the field out


_ENDPOINT_FIXED = [
    Case("a valid customer", (_customer(),)),
    Case(
        "a loyal customer on a two-year contract",
        (_customer(tenure=60, monthly_charges=45.25, contract="Two year", total_charges=2715.0),),
    ),
    Case("total_charges may be null", (_customer(tenure=1, total_charges=None),)),
    Case("total_charges may be left out", (_customer(total_charges=_DROP),)),
    Case(
        "the bounds are inclusive: tenure 0 and 120, charges 0 and 200",
        (_customer(tenure=120, monthly_charges=200.0, total_charges=0.0),),
    ),
    Case("tenure out of range (150 months)", (_customer(tenure=150),)),
    Case("negative monthly_charges", (_customer(monthly_charges=-10.0),)),
    Case("negative total_charges", (_customer(total_charges=-1.0),)),
    Case("a wrong type: tenure 'two'", (_customer(tenure="two"),)),
    Case("a number in a string is not a number: tenure '5'", (_customer(tenure="5"),)),
    Case(
        "a text is not a boolean: paperless_billing 'true'",
        (_customer(paperless_billing="true"),),
    ),
    Case("a number is not a boolean: paperless_billing 1", (_customer(paperless_billing=1),)),
    Case("a boolean is not a number: monthly_charges true", (_customer(monthly_charges=True),)),
    Case("a fraction for an integer: tenure 12.5", (_customer(tenure=12.5),)),
    Case("a contract that is not allowed: 'Monthly'", (_customer(contract="Monthly"),)),
    Case("true or false only: paperless_billing 'maybe'", (_customer(paperless_billing="maybe"),)),
    Case("a required field is missing: no contract", (_customer(contract=_DROP),)),
    Case("a required field is null: tenure null", (_customer(tenure=None),)),
    Case(
        "a misspelt optional field (total_charge) must not be dropped silently",
        ({**_customer(total_charges=_DROP), "total_charge": 199.0},),
    ),
    Case(
        "several problems at once: each field is named",
        (_customer(tenure=-1, contract="Weekly", paperless_billing=_DROP),),
    ),
    Case("a list instead of one object", ([_customer()],)),
    Case("not JSON at all", ('{"tenure": 2,',)),
]

_BAD_VALUES: dict[str, tuple[Any, ...]] = {
    "tenure": (-1, 121, 500, 3.5, "ten", None, [1]),
    "monthly_charges": (-0.01, 200.5, "cheap", None, {"eur": 10}),
    "contract": ("one year", "Monthly", "", 2, None),
    "paperless_billing": ("maybe", 2, None, [True]),
    "total_charges": (-5.0, "a lot", [100.0]),
}


def _endpoint_case(rng: np.random.Generator) -> tuple[Any, ...]:
    record: dict[str, Any] = {
        "tenure": int(rng.integers(0, 73 if rng.random() < 0.8 else 121)),
        "monthly_charges": round(float(rng.uniform(0, 200)), 2),
        "contract": str(rng.choice(CONTRACTS)),
        "paperless_billing": bool(rng.random() < 0.5),
        "total_charges": round(float(rng.uniform(0, 9000)), 2),
    }
    if rng.random() < 0.2:
        record["total_charges"] = None
    if rng.random() < 0.1:
        del record["total_charges"]
    kind = rng.random()
    if kind < 0.45:  # one or two bad values
        for name in rng.choice(FIELDS, size=int(rng.integers(1, 3)), replace=False):
            options = _BAD_VALUES[str(name)]
            record[str(name)] = options[int(rng.integers(0, len(options)))]
    elif kind < 0.55:  # a required field left out
        del record[str(rng.choice(FIELDS[:4]))]
    elif kind < 0.6:  # an unknown field
        record["senior_citizen"] = bool(rng.random() < 0.5)
    return (record,)


def _explain_endpoint(case: Case, name: str, got: Any, expected: Any) -> str:
    body = case.args[0]
    if name == "status":
        if expected == 200:
            return (
                f"this body fits the contract, so /predict must answer 200, not {got}: check "
                "each field's type and bounds (both inclusive), that total_charges may be null "
                "or missing, and that the route returns a dict."
            )
        return (
            f"this body breaks the contract, so FastAPI must refuse it with 422 before your "
            f"code runs, not answer {got}: the Customer model is too lenient (a bound missing, "
            "a plain str where only three texts are allowed, unknown fields let through — a "
            "misspelt field is then dropped while the real one stays null — or lax types, "
            'which turn "5" into 5 and "true" into True).'
        )
    if name == "fields":
        return "a 422 names each field that breaks the contract, and only those."
    if name == "churn":
        return f"churn is the JSON boolean probability >= THRESHOLD ({THRESHOLD})."
    return f"the probability is churn_probability(customer) on this body: {body!r}."


# ── m10.allowed-text: aieng.serve.schema.allowed_text ─────────────────────────────────────────


def _allowed_reference(allowed_text: Fn) -> Fn:
    from aieng.contract import ColumnRule

    def allowed_text_(rule: dict[str, Any]) -> str:
        spec = dict(rule)
        if spec.get("allowed") is not None:
            spec["allowed"] = tuple(spec["allowed"])
        return str(allowed_text(ColumnRule(**spec)))

    return allowed_text_


_ALLOWED_FIXED = [
    Case("an integer with both bounds", ({"type": "int", "min": 0, "max": 120},)),
    Case("a category", ({"type": "category", "allowed": ["No", "Yes"]},)),
    Case("a bool", ({"type": "bool"},)),
    Case("nullable: ', or null' at the end", ({"type": "float", "min": 0, "nullable": True},)),
    Case("a number with a maximum only", ({"type": "float", "max": 1},)),
    Case("a number with no bounds", ({"type": "float"},)),
    Case(
        "float bounds are written with :g (200.0 is '200', 0.5 stays '0.5')",
        ({"type": "float", "min": 0.5, "max": 200.0},),
    ),
    Case("free text", ({"type": "text"},)),
    Case("a category with no allowed list is free text", ({"type": "category"},)),
    Case("a nullable bool", ({"type": "bool", "nullable": True},)),
    Case(
        "the levels in the contract's order, each as repr() (a quote inside)",
        ({"type": "category", "allowed": ["Two year", "Month-to-month", "Partner's plan"]},),
    ),
    Case("negative bounds", ({"type": "int", "min": -10, "max": -1},)),
    Case("a maximum of 0 is a bound too", ({"type": "int", "min": -5, "max": 0},)),
    Case("nullable False says nothing", ({"type": "bool", "nullable": False},)),
    Case("a large bound is written with :g too (1e+06)", ({"type": "float", "min": 1000000},)),
    Case(
        "a bound with float noise: :g writes 0.30000000000000004 as 0.3",
        ({"type": "float", "min": 0.1, "max": 0.1 + 0.2},),
    ),
    Case(
        "a category with an empty allowed list is free text", ({"type": "category", "allowed": []},)
    ),
]

_LEVELS = ("No", "Yes", "No internet service", "DSL", "Fiber optic", "Electronic check", "Other")


def _allowed_case(rng: np.random.Generator) -> tuple[Any, ...]:
    kind = str(
        rng.choice(["int", "float", "bool", "category", "text"], p=[0.3, 0.3, 0.1, 0.2, 0.1])
    )
    rule: dict[str, Any] = {"type": kind}
    if kind in ("int", "float"):

        def bound() -> float:
            value = float(rng.integers(-100, 1000))
            return value if kind == "int" or rng.random() < 0.5 else value / 4

        low, high = sorted((bound(), bound()))
        if rng.random() < 0.7:
            rule["min"] = int(low) if kind == "int" else low
        if rng.random() < 0.6:
            rule["max"] = int(high) if kind == "int" else high
    elif kind == "category" and rng.random() < 0.9:
        n = int(rng.integers(1, 5))
        rule["allowed"] = [str(v) for v in rng.choice(_LEVELS, size=n, replace=False)]
    if rng.random() < 0.35:
        rule["nullable"] = True
    elif rng.random() < 0.2:
        rule["nullable"] = False
    return (rule,)


def _explain_allowed(case: Case, name: str, got: Any, expected: Any) -> str:
    return (
        'the words by type: "one of \'A\', \'B\'" (each with repr), "true or false", "an '
        'integer" or "a number" with "from A to B", "of at least A" or "of at most B" '
        '(bounds written with :g; a bound of 0 is a bound), else "text"; then ", or null" '
        "when nullable."
    )


# ── m10.constant-time-key: aieng.serve.auth.check_key ─────────────────────────────────────────


def _key_reference(require: Fn) -> Fn:
    from pydantic import SecretStr

    from aieng.serve.responses import ApiError
    from aieng.serve.settings import ServeSettings

    def key_status(given: str, api_keys: list[str], admin_key: str, admin_route: bool) -> int:
        # model_construct: no environment and no .env are read, nothing is validated
        settings = ServeSettings.model_construct(
            api_keys=tuple(SecretStr(k) for k in api_keys), admin_key=SecretStr(admin_key)
        )
        request = SimpleNamespace(headers={"x-api-key": given} if given else {})
        try:
            require(request, settings, admin=admin_route)
        except ApiError as exc:
            return int(exc.status)
        return 200

    return key_status


_PREDICT_KEYS = ["key-a-3f9c2e71b0d4", "key-b-8e1a6d0c5f27", "key-c-41d7b93e06aa"]
_ADMIN = "admin-5c0e9b2f7a1d44e8"

_KEY_FIXED = [
    Case("no keys configured: predict is open", ("", [], "", False)),
    Case("the right key, the first of three", (_PREDICT_KEYS[0], _PREDICT_KEYS, _ADMIN, False)),
    Case("the right key, the last of three", (_PREDICT_KEYS[2], _PREDICT_KEYS, _ADMIN, False)),
    Case("a wrong key: 401", ("key-a-3f9c2e71b0d5", _PREDICT_KEYS, _ADMIN, False)),
    Case("no key sent: 401", ("", _PREDICT_KEYS, _ADMIN, False)),
    Case("the admin key may predict too", (_ADMIN, _PREDICT_KEYS, _ADMIN, False)),
    Case("admin route, admin key: allowed", (_ADMIN, _PREDICT_KEYS, _ADMIN, True)),
    Case(
        "admin route, a valid predict key: 403 (known, not allowed)",
        (_PREDICT_KEYS[1], _PREDICT_KEYS, _ADMIN, True),
    ),
    Case("admin route, a wrong key: 401", ("guess", _PREDICT_KEYS, _ADMIN, True)),
    Case("admin route, no key: 401", ("", _PREDICT_KEYS, _ADMIN, True)),
    Case("admin route switched off (no admin key): 403", (_ADMIN, _PREDICT_KEYS, "", True)),
    Case("a key that is a prefix of a real one: 401", ("key-b-8e1a", _PREDICT_KEYS, "", False)),
    Case("one key only, sent right", (_PREDICT_KEYS[1], _PREDICT_KEYS[1:2], _ADMIN, False)),
    Case(
        "admin route, the first predict key: 403, with no key compared in plain",
        (_PREDICT_KEYS[0], _PREDICT_KEYS, _ADMIN, True),
    ),
]


def _key_case(rng: np.random.Generator) -> tuple[Any, ...]:
    def key(prefix: str) -> str:
        return prefix + "".join(rng.choice(list("0123456789abcdef"), size=16))

    api_keys = [key(f"k{i}-") for i in range(int(rng.integers(0, 5)))]
    admin_key = key("adm-") if rng.random() < 0.8 else ""
    pick = rng.random()
    if pick < 0.4 and api_keys:
        given = api_keys[int(rng.integers(0, len(api_keys)))]
    elif pick < 0.6 and admin_key:
        given = admin_key
    elif pick < 0.75:
        given = ""
    elif pick < 0.9 and api_keys:
        given = api_keys[0][:-1] + ("0" if api_keys[0][-1] != "0" else "1")  # one character off
    else:
        given = key("x-")
    return (given, api_keys, admin_key, bool(rng.random() < 0.4))


def _explain_key(case: Case, name: str, got: Any, expected: Any) -> str:
    given, api_keys, admin_key, admin_route = case.args
    if name == "compared_every_key":
        needed = len(harness.needed_keys(given, api_keys, admin_key, admin_route))
        return (
            f"hmac.compare_digest must see each of the {needed} stored key(s) this rule checks. "
            "Stopping at the first match (a for loop with return, any() over a generator) takes "
            "a time that depends on which key matched: compare with every key, then decide."
        )
    if name == "plain_comparisons":
        return (
            "a key was compared with == (or `in`, which is == on each item, or startswith): "
            "== stops at the first character that differs, so an attacker who measures the time "
            "can guess a key one character at a time. Compare keys only with hmac.compare_digest."
        )
    route = "an admin route" if admin_route else "/v1/predict"
    return (
        f"on {route}: 401 means no valid key (who are you?); 403 a valid key that may not do "
        "this, or admin switched off (no admin key configured). With no API keys configured, "
        "predict is open; the admin key may also predict."
    )


# ── m10.split-batch: aieng.serve.batcher.Batcher ──────────────────────────────────────────────


def _split_reference(batcher_cls: Any) -> Fn:
    def split_batch(sizes: list[int], out: np.ndarray) -> list[np.ndarray]:
        # A fake model that answers each record with its row of ``out``: the batcher concatenates
        # the requests' records, calls it once per batch, and must hand each request its rows.
        def predict(model: object, records: list[dict[str, int]]) -> np.ndarray:
            return out[[r["row"] for r in records]]

        async def serve() -> list[np.ndarray]:
            batcher = batcher_cls(predict)
            batcher.start()
            try:
                starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
                model = object()
                calls = [
                    batcher.predict(model, [{"row": int(s) + j} for j in range(n)])
                    for s, n in zip(starts, sizes, strict=True)
                ]
                return list(await asyncio.gather(*calls))
            finally:
                await batcher.stop()

        return [np.asarray(piece) for piece in asyncio.run(serve())]

    return split_batch


def _split_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(1, 9))
    sizes = [int(v) for v in rng.choice([1, 1, 1, 2, 3, 5, 20], size=n)]
    out = np.round(rng.random(sum(sizes)), 6)
    return (sizes, out)


_SPLIT_FIXED = [
    Case("one request, one row", ([1], np.array([0.73]))),
    Case("three one-row requests", ([1, 1, 1], np.array([0.1, 0.2, 0.3]))),
    Case("sizes 2, 1, 3", ([2, 1, 3], np.array([0.91, 0.12, 0.5, 0.33, 0.07, 0.64]))),
    Case("a big request between small ones", ([1, 4, 1], np.linspace(0.05, 0.95, 6))),
    Case("one request holds the whole batch", ([5], np.array([0.2, 0.4, 0.6, 0.8, 1.0]))),
]


def _explain_split(case: Case, name: str, got: Any, expected: Any) -> str:
    sizes = case.args[0]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int).tolist()
    return (
        f"request i owns out[start_i : start_i + sizes[i]], with start_i the sum of the sizes "
        f"before it: here the starts are {starts}. Each request must get exactly its own rows, "
        "in order, and sizes[i] of them."
    )


# ── m10.group-commit: aieng.serve.predlog.PredictionLog._gather ───────────────────────────────


def _commit_reference(gather: Fn) -> Fn:
    def transactions(sizes: list[int], max_batch: int) -> list[int]:
        # A stand-in for the log: its queue of pending writes and max_batch; max_wait_ms = 0,
        # so only what is queued already is gathered (everything is, here).
        log = SimpleNamespace(max_batch=max_batch, max_wait_ms=0.0, _queue=queue.SimpleQueue())
        for n in sizes:
            log._queue.put(SimpleNamespace(size=n))
        counts: list[int] = []  # how many writes each transaction takes, in order
        while not log._queue.empty():
            batch, _ = gather(log, log._queue.get_nowait())
            counts.append(len(batch))
        return counts

    return transactions


def _commit_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(1, 15))
    sizes = [int(v) for v in rng.choice([1, 1, 1, 2, 5, 10, 50, 200], size=n)]
    return (sizes, int(rng.choice([1, 2, 5, 10, 64, 100])))


_COMMIT_FIXED = [
    Case("one write", ([1], 10)),
    Case("everything fits in one transaction", ([1, 2, 3], 10)),
    Case("exactly max_batch rows", ([4, 6, 1], 10)),
    Case("the write that reaches max_batch closes the transaction", ([3, 3, 3, 3], 10)),
    Case("a write larger than max_batch is never split", ([25, 1, 1], 10)),
    Case("max_batch 1: one write per transaction", ([1, 1, 2], 1)),
    Case("the first write alone reaches max_batch", ([10, 1, 1], 10)),
    Case("one row short of max_batch: the next write still goes in", ([9, 5, 1], 10)),
]


def _explain_commit(case: Case, name: str, got: Any, expected: Any) -> str:
    return (
        "the writer always takes the first pending write, then keeps taking the next one while "
        "the rows gathered so far are fewer than max_batch; a write is never split, so a "
        "transaction may end above max_batch."
    )


GRADERS: dict[str, Grader] = {
    "m10.endpoint": Grader(
        params=("body",),
        outputs=(
            Output("status", "json"),
            Output("fields", "json"),
            Output("probability", "scalar", rtol=1e-9, atol=1e-12),
            Output("churn", "json"),
        ),
        fixed=lambda: list(_ENDPOINT_FIXED),
        generated=lambda: seeded(_endpoint_case),
        n_generated=20,
        adapt=_endpoint_reference,
        explain=_explain_endpoint,
        harness=harness.post,
        time_limit_s=20.0,  # importing FastAPI and its TestClient alone takes about 1 s
    ),
    "m10.allowed-text": Grader(
        params=("rule",),
        outputs=(Output("allowed", "text"),),
        fixed=lambda: list(_ALLOWED_FIXED),
        generated=lambda: seeded(_allowed_case),
        n_generated=30,
        adapt=_allowed_reference,
        explain=_explain_allowed,
    ),
    "m10.constant-time-key": Grader(
        params=("given", "api_keys", "admin_key", "admin_route"),
        outputs=(
            Output("status", "json"),
            Output("plain_comparisons", "json"),
            Output("compared_every_key", "bool"),
        ),
        fixed=lambda: list(_KEY_FIXED),
        generated=lambda: seeded(_key_case),
        n_generated=30,
        adapt=_key_reference,
        explain=_explain_key,
        harness=harness.key_status,
    ),
    "m10.split-batch": Grader(
        params=("sizes", "out"),
        outputs=(Output("slices", "json"),),
        fixed=lambda: list(_SPLIT_FIXED),
        generated=lambda: seeded(_split_case),
        n_generated=20,
        adapt=_split_reference,
        explain=_explain_split,
    ),
    "m10.group-commit": Grader(
        params=("sizes", "max_batch"),
        outputs=(Output("counts", "json"),),
        fixed=lambda: list(_COMMIT_FIXED),
        generated=lambda: seeded(_commit_case),
        n_generated=30,
        adapt=_commit_reference,
        explain=_explain_commit,
    ),
}
