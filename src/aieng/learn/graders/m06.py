"""Graders of month 6 (``aieng.pipeline``): a file's content hash, the baseline gate, the
champion rule and a data contract's offending cells.

The references are the pipeline's own functions: ``stages.file_digest`` (what the ingest stage
and the stage cache hash files with), ``gates.baseline_gate`` and ``gates.decide`` (what decides
a trained model's fate) and ``contract.Contract`` (the validate stage's check).

The grader compares numbers and arrays, so each starter carries a small harness the grader
calls ("graded, leave as is"), like month 1's ``save_report``: it turns the learner's answer
into numbers (a digest into its 32 bytes, True/False into 1/0, an outcome into its index in
``OUTCOMES``, the offending cells into a 0/1 mask of the table) and checks what only the
learner's process can see — memory held while hashing (``tracemalloc``), a table modified in
place. ``adapt`` wraps the reference in the same harness, and ``explain`` turns the numbers back
into words (hex digests, "champion", ``(row, column)`` pairs).

Generated cases stay off the float boundaries the rules do not decide the same way in every
correct formulation: the gate's scores sit on a 0.01 grid, where "exactly at the margin" must
pass (the rule says so, whatever ``0.60 − 0.50`` rounds to), but a candidate is never within
1e-6 of ``min_improvement`` above the champion (strictly more is the rule; ``c > ch + m`` and
``c − ch > m`` may disagree in the last bit there).
"""

from __future__ import annotations

import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded

Fn = Callable[..., Any]

OUTCOMES = ("rejected", "challenger", "champion")  # the champion-rule harness's codes
FLAT_LIMIT = 4 << 20  # bytes a hash may hold at once (the reference holds 2 chunks of 1 MiB)
BIG_REPEAT = 786_432  # "0123456789abcdef" × this = a 12 MiB file, 3 × FLAT_LIMIT


def _exact(name: str) -> Output:
    return Output(name, "scalar", rtol=0.0, atol=0.0)


# ── m06.content-hash: aieng.pipeline.stages.file_digest ───────────────────────────────────────


def _hash_reference(file_digest: Fn) -> Fn:
    # The same harness the starter gives the learner (hash_file), around the package's digest.
    def hash_file(text: str, repeat: int) -> tuple[np.ndarray, int]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "data.csv"
            path.write_bytes((text * repeat).encode("utf-8"))
            tracemalloc.start()
            try:
                digest = file_digest(path)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        raw = np.frombuffer(bytes.fromhex(digest), dtype=np.uint8).astype(np.float64)
        return raw, int(peak <= FLAT_LIMIT)

    return hash_file


_PIECES = ("customerID,tenure,churn\n", "7590-VHVEG,1,No\n", "0", "é", "→", "\n", "a,b", "✓")


def _hash_case(rng: np.random.Generator) -> tuple[Any, ...]:
    text = "".join(rng.choice(_PIECES, size=int(rng.integers(1, 6))))
    size = len(text.encode("utf-8"))
    kind = int(rng.integers(0, 4))
    if kind == 0:
        repeat = int(rng.integers(0, 4))  # tiny, sometimes empty
    elif kind == 1:
        repeat = int(rng.integers(1, 500))
    else:  # around a power-of-two chunk size (64 KiB or 1 MiB): the last chunk is partial
        chunk = 1 << int(rng.choice([16, 20]))
        repeat = max(1, (chunk + int(rng.integers(-40, 40))) // size)
    return (text, repeat)


def _hex(raw: Any) -> str:
    values = np.asarray(raw, dtype=float)
    if values.shape != (32,) or not np.all((values >= 0) & (values <= 255)):
        return "?"
    return bytes(int(v) for v in values).hex()


def _explain_hash(case: Case, name: str, got: Any, expected: Any) -> str:
    if name == "memory_flat":
        return (
            f"memory_flat = 0: on this file of {len(case.args[0].encode()) * case.args[1]:,} "
            f"bytes your function held more than {FLAT_LIMIT >> 20} MiB at once — it read the "
            "whole file (read(), read_bytes(), readlines(), or iterating over lines, which a file "
            "without newlines makes one huge line). Read fixed-size chunks, f.read(1 << 20), in a "
            "loop and update the hash with each."
        )
    text = f"expected sha256 {_hex(expected)}, got {_hex(got)}."
    if _hex(got) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855":
        text += " That is the sha256 of no bytes at all: no chunk reached the hash."
    return text + ' Hash the raw bytes (open the file in "rb" mode), every chunk, in order.'


# ── m06.baseline-gate: aieng.pipeline.gates.baseline_gate ─────────────────────────────────────


def _metric(higher_is_better: bool) -> tuple[str, str]:
    """A metric of that direction, with its task: ROC-AUC (higher), RMSE (lower)."""
    return ("roc_auc", "classification") if higher_is_better else ("rmse", "regression")


def _gate_reference(baseline_gate: Fn) -> Fn:
    def gate_verdict(
        candidate: float, baseline: float, margin: float, higher_is_better: bool
    ) -> int:
        metric, task = _metric(higher_is_better)
        gate = baseline_gate(
            metric, task, candidate=candidate, baseline=baseline, min_margin=margin
        )
        return int(gate.passed)

    return gate_verdict


def _grid(rng: np.random.Generator, low: int, high: int) -> float:
    """A score on the 0.01 grid, written as people write it (0.6, not 0.6000000000000001)."""
    return round(int(rng.integers(low, high + 1)) / 100, 2)


def _gate_case(rng: np.random.Generator) -> tuple[Any, ...]:
    higher = bool(rng.random() < 0.5)
    baseline = _grid(rng, 10, 90)
    cents = int(rng.integers(0, 11))
    margin = round(cents / 100, 2)
    step = cents + int(rng.integers(-3, 4))  # at, just above, just below the margin
    gain = step / 100 if rng.random() < 0.8 else _grid(rng, -20, 20)
    candidate = round(baseline + gain if higher else baseline - gain, 2)
    return (candidate, baseline, margin, higher)


_GATE_FIXED = [
    Case("ROC-AUC: clearly better", (0.80, 0.50, 0.05, True)),
    Case("ROC-AUC: better, but not by the margin", (0.52, 0.50, 0.05, True)),
    Case(
        "ROC-AUC: exactly at the margin passes (0.60 - 0.50 < 0.1 in floats)", (0.6, 0.5, 0.1, True)
    ),
    Case("RMSE: lower is better", (8.0, 10.0, 1.0, False)),
    Case("RMSE: a higher error is worse, whatever the gap", (12.0, 10.0, 1.0, False)),
    Case("log loss: exactly at the margin (0.70 - 0.60 < 0.1 in floats)", (0.6, 0.7, 0.1, False)),
    Case("margin 0: a tie passes", (0.5, 0.5, 0.0, True)),
]


def _explain_gate(case: Case, name: str, got: Any, expected: Any) -> str:
    candidate, baseline, margin, higher = case.args
    gain = candidate - baseline if higher else baseline - candidate
    want = "pass" if expected else "fail"
    text = (
        f"the candidate should {want}: its improvement is {gain:.17g} against a margin of "
        f"{margin:g} ({'higher' if higher else 'lower'} is better)."
    )
    if expected and gain < margin:
        text += (
            " In exact arithmetic the improvement equals the margin, and at the margin it "
            "passes: compare with a small tolerance (math.isclose(gain, margin, abs_tol=1e-12))."
        )
    return text


# ── m06.champion-rule: aieng.pipeline.gates.decide ────────────────────────────────────────────


def _decide_reference(decide: Fn) -> Fn:
    def outcome_code(
        candidate: float,
        baseline: float,
        champion: float | None,
        margin: float,
        min_improvement: float,
        higher_is_better: bool,
    ) -> int:
        metric, task = _metric(higher_is_better)
        decision = decide(
            metric,
            task,
            candidate=candidate,
            baseline=baseline,
            champion=champion,
            min_margin=margin,
            min_improvement=min_improvement,
        )
        return OUTCOMES.index(decision.outcome)

    return outcome_code


def _decide_case(rng: np.random.Generator) -> tuple[Any, ...]:
    candidate, baseline, margin, higher = _gate_case(rng)
    min_improvement = float(rng.choice([0.0, 0.005, 0.01, 0.02]))
    champion: float | None = None
    if rng.random() < 0.8:
        gain = float(rng.uniform(-0.05, 0.05))
        if abs(gain - min_improvement) < 1e-6:  # strictly more: stay clear of the boundary
            gain += 0.001
        champion = round(candidate - gain if higher else candidate + gain, 6)
        if abs(abs(candidate - champion) - min_improvement) < 1e-6:
            champion = round(champion + 0.0005, 6)
    return (candidate, baseline, champion, margin, min_improvement, higher)


_DECIDE_FIXED = [
    Case("the first model past the gate becomes champion", (0.80, 0.50, None, 0.05, 0.01, True)),
    Case("fails the gate: rejected, even with no champion", (0.52, 0.50, None, 0.05, 0.01, True)),
    Case("beats the champion by more than enough", (0.84, 0.50, 0.80, 0.05, 0.01, True)),
    Case("better than the champion, but not by enough", (0.805, 0.50, 0.80, 0.05, 0.01, True)),
    Case("as good as the champion: the champion stays", (0.80, 0.50, 0.80, 0.05, 0.0, True)),
    Case("worse than the champion but past the gate", (0.75, 0.50, 0.80, 0.05, 0.01, True)),
    Case("RMSE: a lower error takes the title", (7.0, 10.0, 7.5, 1.0, 0.1, False)),
    Case("RMSE: a higher error stays a challenger", (8.0, 10.0, 7.5, 1.0, 0.1, False)),
    Case(
        "rejected beats everything: a gate failure with a weak champion",
        (0.5, 0.5, 0.4, 0.05, 0.0, True),
    ),
    Case("exactly at the gate's margin passes", (0.6, 0.5, None, 0.1, 0.01, True)),
]


def _word(code: Any) -> str:
    try:
        return repr(OUTCOMES[int(code)])
    except (TypeError, ValueError, IndexError):
        return repr(code)


def _explain_decide(case: Case, name: str, got: Any, expected: Any) -> str:
    text = f"expected {_word(expected)}, you returned {_word(got)}."
    if OUTCOMES[int(expected)] == "rejected":
        text += " The gate comes first: a candidate that does not beat the baseline by the margin"
        text += " is rejected, whatever the champion's score."
    elif case.args[2] is None:
        text += " With no champion yet, a candidate that passes the gate becomes the champion."
    else:
        text += (
            " Past the gate, it takes the title only if it beats the champion by strictly more "
            "than min_improvement, in the metric's direction; otherwise it is a challenger."
        )
    return text


# ── m06.contract-check: aieng.contract.Contract ───────────────────────────────────────────────


def _contract_reference(contract: Any) -> Fn:
    def check_table(columns: dict[str, list[Any]], rules: dict[str, dict[str, Any]]) -> Any:
        import pandas as pd

        frame = pd.DataFrame(columns)
        declared = {
            name: {"type": "category" if "allowed" in rule else "float", **rule}
            for name, rule in rules.items()
        }
        failures = contract.from_mapping({"columns": declared}).check(frame)
        names = list(frame.columns)
        mask = np.zeros((len(frame), len(names)), dtype=np.float64)
        for row, column in zip(failures["row"], failures["column"], strict=True):
            mask[int(row), names.index(column)] = 1.0
        return mask, 1

    return check_table


_CONTRACTS = ("Month-to-month", "One year", "Two year")


def _contract_case(rng: np.random.Generator) -> tuple[Any, ...]:
    n = int(rng.integers(1, 11))

    def holes(values: list[Any], share: float) -> list[Any]:
        out = [None if rng.random() < share else v for v in values]
        if all(v is None for v in out):  # a column of None only is no number column
            out[0] = values[0]
        return out

    tenure = [int(v) for v in rng.integers(-5, 110, size=n)]
    charges = [round(float(v), 2) for v in rng.uniform(-10, 130, size=n)]
    kinds = [*_CONTRACTS, "one year", "Monthly"]
    contract = [str(rng.choice(kinds, p=[0.3, 0.3, 0.25, 0.075, 0.075])) for _ in range(n)]
    columns: dict[str, list[Any]] = {
        "customer_id": [f"{int(v):04d}-X" for v in rng.integers(0, 10000, size=n)],
        "tenure": holes(tenure, 0.15),
        "monthly_charges": holes(charges, 0.15),
        "contract": holes(contract, 0.15),
    }
    rules: dict[str, dict[str, Any]] = {}
    for name, low, high in (("tenure", 0, 100), ("monthly_charges", 0.0, 120.0)):
        rule: dict[str, Any] = {}
        if rng.random() < 0.8:
            rule["min"] = low
        if rng.random() < 0.6:
            rule["max"] = high
        if rng.random() < 0.5:
            rule["nullable"] = True
        if rule or rng.random() < 0.7:
            rules[name] = rule
    if rng.random() < 0.8:
        rules["contract"] = {"allowed": list(_CONTRACTS), "nullable": bool(rng.random() < 0.5)}
    if not rules:
        rules["tenure"] = {"min": 0}
    return (columns, rules)


_CONTRACT_FIXED = [
    Case(
        "every cell passes",
        ({"tenure": [1, 72, 0]}, {"tenure": {"min": 0, "max": 100}}),
    ),
    Case(
        "below the minimum and above the maximum (both bounds are inclusive)",
        ({"tenure": [0, -1, 100, 101]}, {"tenure": {"min": 0, "max": 100}}),
    ),
    Case(
        "a missing value offends unless nullable",
        (
            {"tenure": [5, None, 7], "monthly_charges": [None, 20.5, 30.0]},
            {"tenure": {"min": 0}, "monthly_charges": {"min": 0, "nullable": True}},
        ),
    ),
    Case(
        "a level that is not allowed (case matters); missing is allowed here",
        (
            {"contract": ["One year", "one year", None, "Two year", "Weekly"]},
            {"contract": {"allowed": list(_CONTRACTS), "nullable": True}},
        ),
    ),
    Case(
        "an undeclared column is never an error; pairs sorted by row, then column",
        (
            {
                "tenure": [-3, 12, 200],
                "customer_id": ["a", "b", "c"],
                "contract": ["Weekly", "One year", None],
            },
            {"tenure": {"min": 0, "max": 100}, "contract": {"allowed": list(_CONTRACTS)}},
        ),
    ),
]


def _pairs(mask: Any, names: list[str]) -> str:
    values = np.asarray(mask, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(names):
        return "?"
    rows, cols = np.nonzero(values)
    return repr(sorted((int(r), names[int(c)]) for r, c in zip(rows, cols, strict=True)))


def _explain_contract(case: Case, name: str, got: Any, expected: Any) -> str:
    if name == "frame_unchanged":
        return (
            "frame_unchanged = 0: offending_cells changed the table it was given (a column "
            "added, filled or converted, rows dropped). A check only reads: build new Series "
            "(frame[col].isna(), .between(...), .isin(...)) instead of assigning into the frame."
        )
    names = list(case.args[0])
    return (
        f"expected the cells {_pairs(expected, names)}, you returned {_pairs(got, names)}. A cell "
        "offends when it is missing and the rule is not nullable, or present and below min, "
        "above max, or not one of allowed; columns without a rule are never checked."
    )


GRADERS: dict[str, Grader] = {
    "m06.content-hash": Grader(
        params=("text", "repeat"),
        outputs=(
            Output("sha256_bytes", "array", rtol=0.0, atol=0.0),
            _exact("memory_flat"),
        ),
        fixed=lambda: [
            Case("an empty file", ("", 0)),
            Case("one line", ("customerID,tenure,churn\n", 1)),
            Case("not ASCII: hash the bytes, not the characters", ("médian → ✓\n", 3)),
            Case("exactly 64 KiB", ("ab", 32_768)),
            Case("one byte more than 1 MiB", ("x", (1 << 20) + 1)),
            Case("a 12 MiB file: memory stays flat", ("0123456789abcdef", BIG_REPEAT)),
        ],
        generated=lambda: seeded(_hash_case),
        n_generated=16,
        adapt=_hash_reference,
        explain=_explain_hash,
    ),
    "m06.baseline-gate": Grader(
        params=("candidate", "baseline", "margin", "higher_is_better"),
        outputs=(_exact("passes"),),
        fixed=lambda: list(_GATE_FIXED),
        generated=lambda: seeded(_gate_case),
        adapt=_gate_reference,
        explain=_explain_gate,
    ),
    "m06.champion-rule": Grader(
        params=(
            "candidate",
            "baseline",
            "champion",
            "margin",
            "min_improvement",
            "higher_is_better",
        ),
        outputs=(_exact("outcome"),),
        fixed=lambda: list(_DECIDE_FIXED),
        generated=lambda: seeded(_decide_case),
        adapt=_decide_reference,
        explain=_explain_decide,
    ),
    "m06.contract-check": Grader(
        params=("columns", "rules"),
        outputs=(
            Output("offending", "array", rtol=0.0, atol=0.0),
            _exact("frame_unchanged"),
        ),
        fixed=lambda: list(_CONTRACT_FIXED),
        generated=lambda: seeded(_contract_case),
        n_generated=30,
        adapt=_contract_reference,
        explain=_explain_contract,
    ),
}
