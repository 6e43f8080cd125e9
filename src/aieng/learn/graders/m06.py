"""Graders of month 6 (``aieng.pipeline``): a file's content hash, the baseline gate, the
champion rule and a data contract's offending cells.

The references are the pipeline's own functions: ``stages.file_digest`` (what the ingest stage
and the stage cache hash files with), ``gates.baseline_gate`` and ``gates.decide`` (what decides
a trained model's fate) and ``contract.Contract`` (the validate stage's check).

The gate and the champion rule return exact values (a bool, a word), compared as they are. The
hash and the contract check go through harnesses (``aieng.learn.harnesses.m06``): the file is
written and its memory watched in the sandbox, and the table built there, so the learner's file
holds only ``file_digest`` and ``offending_cells``.

Every boundary a rule states has a fixed case on it: exactly at the gate's margin in floats
(``0.60 − 0.50 < 0.1``) and in exact binary fractions (``0.75 − 0.5 = 0.25``, where ``>`` fails),
short of the margin by a relative 5e-10 (passes) and 2e-9 (fails), and, at a margin of 0, by
5e-13 (passes) and 2e-12 (fails) — the gate's tolerance is ``math.isclose(gain, margin,
abs_tol=1e-12)``: 1e-9 of the larger value, or 1e-12 near zero, so both a tolerance too tight
(a plain ``>=``, an absolute 1e-12 only) and one too loose (1e-9 absolute, 1e-6) fail a probe.
Then exactly ``min_improvement`` better than the champion (not *strictly* more: the champion
stays), and a champion whose score is 0.0 (a score, not "no champion"). Generated cases stay off
those boundaries, where ``c > ch + m`` and ``c − ch > m`` may disagree in the last bit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded
from aieng.learn.harnesses import m06 as harness
from aieng.learn.harnesses.m06 import FLAT_LIMIT

Fn = Callable[..., Any]

OUTCOMES = ("rejected", "challenger", "champion")
BIG_REPEAT = 786_432  # "0123456789abcdef" × this = a 12 MiB file, 3 × FLAT_LIMIT


# ── m06.content-hash: aieng.pipeline.stages.file_digest ───────────────────────────────────────

# CSV text, bytes of characters that are not ASCII, line endings of three systems, and bytes
# that are not UTF-8 at all: a file is bytes, whatever its name says
_PIECES: tuple[bytes, ...] = (b"customerID,tenure,churn\n", b"7590-VHVEG,1,No\n", b"0", b"a,b")
_PIECES += ("é".encode(), "→".encode(), b"\n", b"\r\n", b"\r", b"\xff", b"caf\xe9")


def _hash_case(rng: np.random.Generator) -> tuple[Any, ...]:
    piece = b"".join(rng.choice(np.array(_PIECES, dtype=object), size=int(rng.integers(1, 6))))
    kind = int(rng.integers(0, 4))
    if kind == 0:
        repeat = int(rng.integers(0, 4))  # tiny, sometimes empty
    elif kind == 1:
        repeat = int(rng.integers(1, 500))
    else:  # around a power-of-two chunk size (64 KiB or 1 MiB): the last chunk is partial
        chunk = 1 << int(rng.choice([16, 20]))
        repeat = max(1, (chunk + int(rng.integers(-40, 40))) // len(piece))
    return (piece, repeat)


_HASH_FIXED = [
    Case("an empty file", (b"", 0)),
    Case("one line", (b"customerID,tenure,churn\n", 1)),
    Case("Windows line endings: \\r\\n are two bytes", (b"tenure,churn\r\n1,No\r\n", 3)),
    Case("an old Mac line ending: a lone \\r", (b"tenure\r1\r", 2)),
    Case("bytes that are not UTF-8 (Latin-1)", (b"caf\xe9,na\xefve,\xff\n", 4)),
    Case("not ASCII: hash the bytes, not the characters", ("médian → ✓\n".encode(), 3)),
    Case("exactly 64 KiB", (b"ab", 32_768)),
    Case("one byte more than 1 MiB", (b"x", (1 << 20) + 1)),
    # 1 + 2 × 2^19 bytes: the 1 MiB boundary falls between the two bytes of one "é"
    Case("a character cut in two by a chunk boundary", (b"a" + "é".encode() * (1 << 19), 1)),
    Case("a 12 MiB file: memory stays flat", (b"0123456789abcdef", BIG_REPEAT)),
]


def _explain_hash(case: Case, name: str, got: Any, expected: Any) -> str:
    size = len(case.args[0]) * case.args[1]
    if name == "memory_flat":
        return (
            f"memory_flat is False: on this file of {size:,} bytes your function held more than "
            f"{FLAT_LIMIT >> 20} MiB at once — it read the whole file (read(), read_bytes(), "
            "readlines(), or iterating over lines, which a file without newlines makes one huge "
            "line). Read fixed-size chunks in a loop and update the hash with each."
        )
    text = ""
    if got == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855":
        text = "That is the sha256 of no bytes at all: no chunk reached the hash. "
    return text + (
        'Hash the raw bytes (open the file in "rb" mode: text mode turns \\r\\n into \\n and '
        "fails on bytes that are not UTF-8), every chunk, in order, and return hexdigest()."
    )


# ── m06.baseline-gate: aieng.pipeline.gates.baseline_gate ─────────────────────────────────────


def _metric(higher_is_better: bool) -> tuple[str, str]:
    """A metric of that direction, with its task: ROC-AUC (higher), RMSE (lower)."""
    return ("roc_auc", "classification") if higher_is_better else ("rmse", "regression")


def _gate_reference(baseline_gate: Fn) -> Fn:
    def passes_gate(
        candidate: float, baseline: float, margin: float, higher_is_better: bool
    ) -> bool:
        metric, task = _metric(higher_is_better)
        gate = baseline_gate(
            metric, task, candidate=candidate, baseline=baseline, min_margin=margin
        )
        return bool(gate.passed)

    return passes_gate


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
    Case(
        "exactly at the margin, in exact binary fractions: at the margin passes",
        (0.75, 0.5, 0.25, True),
    ),
    # the tolerance: within 1e-9 of the margin, relatively (5e-11 of 0.1 in, 2e-10 out) …
    Case(
        "short of the margin by 5e-11 (5e-10 of it): counts as at it", (0.6 - 5e-11, 0.5, 0.1, True)
    ),
    Case("short of the margin by 2e-10 (2e-9 of it): fails", (0.6 - 2e-10, 0.5, 0.1, True)),
    Case("RMSE: short of a margin of 1 by 5e-10: counts as at it", (9.0 + 5e-10, 10.0, 1.0, False)),
    Case("RMSE: short of a margin of 1 by 2e-9: fails", (9.0 + 2e-9, 10.0, 1.0, False)),
    # … or 1e-12 absolutely, where the margin is 0 and "relative" means nothing
    Case("margin 0, worse by 5e-13: counts as a tie, passes", (0.5 - 5e-13, 0.5, 0.0, True)),
    Case("margin 0, worse by 2e-12: fails", (0.5 - 2e-12, 0.5, 0.0, True)),
    Case("worse than the baseline, with margin 0: fails", (0.49, 0.5, 0.0, True)),
]


def _explain_gate(case: Case, name: str, got: Any, expected: Any) -> str:
    candidate, baseline, margin, higher = case.args
    gain = candidate - baseline if higher else baseline - candidate
    gap = f"{margin - gain:.3g} short of it" if gain < margin else f"{gain - margin:.3g} above it"
    text = (
        f"the candidate should {'pass' if expected else 'fail'}: its improvement is {gain:.17g} "
        f"against a margin of {margin:g} ({'higher' if higher else 'lower'} is better), {gap}."
    )
    if expected and gain < margin:
        text += (
            " That is float noise: close enough to count as exactly at the margin (within 1e-9 "
            "of the larger value, or 1e-12 near 0), and at the margin the candidate passes — "
            "decimal scores like 0.6 are not exact in binary."
        )
    elif not expected and gain < margin < gain + 1e-6:
        text += (
            " Only float noise is forgiven (1e-9 of the larger value, or 1e-12 near 0): a "
            "looser tolerance lets a weaker model through."
        )
    return text


# ── m06.champion-rule: aieng.pipeline.gates.decide ────────────────────────────────────────────


def _decide_reference(decide: Fn) -> Fn:
    def decide_outcome(
        candidate: float,
        baseline: float,
        champion: float | None,
        margin: float,
        min_improvement: float,
        higher_is_better: bool,
    ) -> str:
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
        return str(decision.outcome)

    return decide_outcome


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
    Case(
        "exactly min_improvement better: not strictly more, the champion stays",
        (0.75, 0.5, 0.5, 0.05, 0.25, True),
    ),
    Case(
        "RMSE: exactly min_improvement lower stays a challenger", (7.0, 10.0, 7.5, 1.0, 0.5, False)
    ),
    Case("RMSE: a champion that scored 0.0 is still a champion", (0.5, 2.0, 0.0, 1.0, 0.1, False)),
    Case("short of the gate's margin by 2e-10: rejected", (0.6 - 2e-10, 0.5, None, 0.1, 0.0, True)),
    Case(
        "short of the gate's margin by 5e-11: it passes", (0.6 - 5e-11, 0.5, 0.55, 0.1, 0.01, True)
    ),
]


def _explain_decide(case: Case, name: str, got: Any, expected: Any) -> str:
    text = f"the words are {', '.join(map(repr, OUTCOMES))}."
    if expected == "rejected":
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
    def offending_cells(frame: Any, rules: dict[str, dict[str, Any]]) -> list[tuple[int, str]]:
        declared = {
            name: {"type": "category" if "allowed" in rule else "float", **rule}
            for name, rule in rules.items()
        }
        failures = contract.from_mapping({"columns": declared}).check(frame)
        cells = zip(failures["row"], failures["column"], strict=True)
        return sorted({(int(row), str(column)) for row, column in cells})

    return offending_cells


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
        "a minimum of 0 is a bound too",
        ({"tenure": [3, -1, 0]}, {"tenure": {"min": 0}}),
    ),
    Case(
        "a maximum only; a float just above it offends",
        ({"monthly_charges": [120.0, 120.01, -5.0]}, {"monthly_charges": {"max": 120}}),
    ),
    Case(
        "a missing value offends once, and is not also checked against allowed",
        ({"contract": [None, "One year", "Weekly"]}, {"contract": {"allowed": list(_CONTRACTS)}}),
    ),
    Case(
        "a missing number in a nullable column is not compared with the bounds",
        (
            {"monthly_charges": [float("nan"), -1.0, 0.0], "tenure": [None, 5, 200]},
            {"monthly_charges": {"min": 0, "nullable": True}, "tenure": {"max": 100}},
        ),
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


def _explain_contract(case: Case, name: str, got: Any, expected: Any) -> str:
    if name == "frame_unchanged":
        return (
            "frame_unchanged is False: offending_cells changed the table it was given (a column "
            "added, filled or converted, rows dropped). A check only reads: build new Series "
            "(frame[col].isna(), .between(...), .isin(...)) instead of assigning into the frame."
        )
    return (
        "each pair is (row, column). A cell offends when it is missing and the rule is not "
        "nullable, or present and below min, above max, or not one of allowed (case matters; "
        "both bounds inclusive); a missing cell is listed once; columns without a rule are "
        "never checked. The list is sorted by row, then column name, each cell once."
    )


GRADERS: dict[str, Grader] = {
    "m06.content-hash": Grader(
        params=("piece", "repeat"),
        outputs=(Output("digest", "text"), Output("memory_flat", "bool")),
        fixed=lambda: list(_HASH_FIXED),
        generated=lambda: seeded(_hash_case),
        n_generated=16,
        explain=_explain_hash,
        harness=harness.hash_file,
    ),
    "m06.baseline-gate": Grader(
        params=("candidate", "baseline", "margin", "higher_is_better"),
        outputs=(Output("passes", "bool"),),
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
        outputs=(Output("outcome", "text"),),
        fixed=lambda: list(_DECIDE_FIXED),
        generated=lambda: seeded(_decide_case),
        adapt=_decide_reference,
        explain=_explain_decide,
    ),
    "m06.contract-check": Grader(
        params=("columns", "rules"),
        outputs=(Output("cells", "json"), Output("frame_unchanged", "bool")),
        fixed=lambda: list(_CONTRACT_FIXED),
        generated=lambda: seeded(_contract_case),
        n_generated=30,
        adapt=_contract_reference,
        explain=_explain_contract,
        harness=harness.check_frame,
    ),
}
