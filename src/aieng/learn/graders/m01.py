"""Graders of month 1 (``aieng.clean`` and the foundation): messy numbers, category spellings,
outlier fences, missing values and duplicates, an error class hierarchy, an atomic file write.
(The warm-up before them has its own module, ``graders/m01_warmup.py``.)

Each grader's reference is named in ``exercises/info.toml``; ``adapt`` only reshapes the call
(a Series in, an array out; a step config built from the arguments), it never re-implements
the cleaning. Category spellings are graded exactly (a JSON mapping): the package's first kind
of merge — same letters up to case and spacing, the most frequent spelling wins, a tie goes to
the first in string order — on cases that hold each hard shape (ß and ligatures that only
``casefold`` folds, non-breaking spaces, a padded winner, accents that stay letters, a tie).
Generated cases stay where the package's answer is the textbook one: continuous
values (no dominant value, so no fallback fences), less than half of a column missing (else
``aieng clean`` leaves it alone on purpose), numbers written in the unambiguous US style.

The error family and the atomic write are graded through harnesses
(``aieng.learn.harnesses.m01``): what a caller sees of a raised error, and what a write leaves
on disk when the disk fills up half-way, the rename fails or the text cannot be encoded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded
from aieng.learn.harnesses import m01 as harness
from aieng.learn.harnesses.m01 import DISK_FULL as DISK
from aieng.learn.harnesses.m01 import RENAME_FAILS as RENAME

Fn = Callable[..., Any]


def _a(*values: Any) -> np.ndarray:
    return np.array(values, dtype=np.float64)


# ── m01.parse-numbers: "$1,889.50", "14%", "(250)" → floats ───────────────────────────────────


def _messy_number(rng: np.random.Generator) -> str:
    """One number written the way spreadsheets and exports write them (US style)."""
    value = float(rng.integers(0, 10 ** int(rng.integers(1, 8))))
    if rng.random() < 0.6:
        value += float(rng.integers(0, 100)) / 100
    text = f"{value:,.2f}" if rng.random() < 0.5 else f"{value:.2f}"
    if rng.random() < 0.3:
        text = text.rstrip("0").rstrip(".") or "0"
    style = int(rng.integers(0, 6))
    if style == 1:
        text = str(rng.choice(["$", "€", "£"])) + text
    elif style == 2:
        text += "%"
    elif style == 3:
        text = f"({text})"  # accountants' negative
    elif style == 4:
        text = "-" + text
    elif style == 5:
        text = f"(${text})"
    if rng.random() < 0.2:
        text = f" {text}  "
    return text


def _messy_column(rng: np.random.Generator) -> tuple[Any, ...]:
    return ([_messy_number(rng) for _ in range(int(rng.integers(1, 12)))],)


def _parse_reference(parse_numbers: Fn) -> Fn:
    def parse_numbers_(texts: list[str]) -> np.ndarray:
        import pandas as pd

        numbers, _ = parse_numbers(pd.Series(texts, dtype=object))
        return np.asarray(numbers.to_numpy(dtype="float64"))

    return parse_numbers_


# ── m01.category-spellings: aieng.clean.categories.canonicalize, same letters only ────────────


def _spellings_reference(canonicalize: Fn) -> Fn:
    def canonical_spellings(values: list[str]) -> dict[str, str]:
        import pandas as pd

        from aieng.clean.config import CategoriesStep

        # The first kind of merge only (same letters up to case and spacing): a similarity of
        # 100 merges no two different keys, and nothing is flagged; every column is a category.
        step = CategoriesStep(similarity=100.0, flag_suspects=False, max_levels=1_000_000)
        series = pd.Series(values, dtype=object)
        after, _, _ = canonicalize(series, step)
        return {str(v): str(a) for v, a in zip(series, after, strict=True)}

    return canonical_spellings


# Telco's and everyday categories, some with letters that fold to others (ß → ss, ﬁ → fi)
_CATEGORIES = ("Yes", "No", "Fiber optic", "DSL", "Month-to-month", "Straße", "Café", "ﬁle", "")


def _respell(rng: np.random.Generator, word: str) -> str:
    """``word`` as a messy export writes it: another case, padding, doubled inner spaces."""
    how = int(rng.integers(0, 6))
    text = [word, word.lower(), word.upper(), word.title(), word.swapcase(), word][how]
    if rng.random() < 0.3:
        text = text.replace(" ", str(rng.choice(["  ", "\t", " \xa0"])))
    if rng.random() < 0.3:
        pads = ["", " ", "  ", "\t", "\n", "\xa0"]
        text = str(rng.choice(pads)) + text + str(rng.choice(pads))
    return text


def _spellings_case(rng: np.random.Generator) -> tuple[Any, ...]:
    words = rng.choice(_CATEGORIES, size=int(rng.integers(1, 4)), replace=False)
    values = [
        spelling
        for word in words
        for spelling in [_respell(rng, str(word)) for _ in range(int(rng.integers(1, 4)))]
        for _ in range(int(rng.integers(1, 4)))
    ]
    order = rng.permutation(len(values))
    return ([values[i] for i in order],)


_SPELLINGS_FIXED = [
    Case("one value", (["DSL"],)),
    Case("no values", ([],)),
    Case("nothing to merge", (["Yes", "No", "Yes"],)),
    Case("case: the most frequent spelling wins", (["yes", "Yes", "YES", "Yes"],)),
    Case("the winner need not be capitalised", (["no", "No", "no"],)),
    Case("padding", (["No", " No", "No", "No  "],)),
    Case(
        "doubled inner spaces, tabs",
        (["Fiber optic", "Fiber  optic", "fiber\toptic", "Fiber optic"],),
    ),
    Case("a non-breaking space is a space too", (["Yes", "Yes\xa0", "Yes"],)),
    Case(
        "a non-breaking space inside is a space too",
        (["Fiber optic", "Fiber\xa0optic", "fiber \xa0optic", "Fiber optic"],),
    ),
    Case("a tie: the first in string order ('Y' < 'y')", (["yes", "Yes", "YES"],)),
    Case("a tie between padded and clean: ' ' sorts before letters", (["No", " No"],)),
    Case("the winner keeps its own spaces", (["Yes ", "Yes ", "yes"],)),
    Case("ß folds to ss: casefold(), not lower()", (["STRASSE", "straße", "Straße", "straße"],)),
    Case("a ligature folds too: 'ﬁ' is 'fi'", (["ﬁle", "FILE", "ﬁle"],)),
    Case("accents are letters: café and cafe stay apart", (["Café", "cafe", "café", "cafe"],)),
    Case("empty and blank spellings are one", (["", "  ", ""],)),
    Case("a typo is not a spelling (a later step's work)", (["Yes", "Yse", "Yes"],)),
    Case(
        "Telco's internet service",
        (["Fiber optic", "DSL", "fiber optic", "No", "FIBER OPTIC", "dsl", "Fiber optic"],),
    ),
]


def _explain_spellings(case: Case, name: str, got: Any, expected: Any) -> str:
    (values,) = case.args
    if not isinstance(got, dict) or set(got) != set(expected):
        return "every distinct spelling in values is a key, the canonical one included."
    spellings = list(expected)
    for a in spellings:
        for b in spellings:
            if expected[a] == expected[b] and got[a] != got[b]:
                return (
                    f"{a!r} and {b!r} are one category: the same letters once case-folded "
                    "(casefold(), which folds ß to ss; lower() does not) and with every run of "
                    "whitespace — tabs and non-breaking spaces too — made one space and trimmed."
                )
            if expected[a] != expected[b] and got[a] == got[b]:
                return (
                    f"{a!r} and {b!r} are two categories: they differ by more than case and "
                    "spacing (an accent is a letter; a typo is a later step's work)."
                )
    wrong = next(a for a in spellings if got[a] != expected[a])
    group = [s for s in spellings if expected[s] == expected[wrong]]
    rows = ", ".join(f"{s!r} × {values.count(s)}" for s in sorted(group))
    return (
        f"the category of {wrong!r} is written {rows} in values: the most frequent spelling "
        "wins, exactly as written (spaces included), and a tie goes to the first of the tied "
        "ones in Python's string order (a space < 'A' < 'a')."
    )


# ── m01.iqr-fences and m01.robust-fences: aieng.clean.outliers.fences ─────────────────────────


def _column(rng: np.random.Generator) -> np.ndarray:
    """5–60 continuous values, some with a long tail (no value repeats: no fallback fences)."""
    n = int(rng.integers(5, 60))
    kind = int(rng.integers(0, 3))
    if kind == 0:
        x = rng.normal(rng.uniform(-50, 50), rng.uniform(0.5, 20), size=n)
    elif kind == 1:
        x = rng.lognormal(rng.uniform(0, 3), rng.uniform(0.3, 1.2), size=n)
    else:
        x = rng.normal(size=n)
        x[: max(1, n // 10)] *= 25  # a few wild values
    return np.asarray(x, dtype=np.float64)


def _fences_reference(method: str) -> Callable[[Fn], Fn]:
    def adapt(fences: Fn) -> Fn:
        from aieng.clean.config import OutliersStep

        def limits(values: np.ndarray, k: float) -> tuple[float, float]:
            if method == "iqr":
                step = OutliersStep(method="iqr", iqr_k=k)
            else:
                step = OutliersStep(method="mad", threshold=k)
            found = fences(values, step)
            if found is None:  # the grader's cases always have a spread: a bug in a case
                raise RuntimeError(f"no fences for the grader's case {values!r}")
            return float(found[0]), float(found[1])

        return limits

    return adapt


_WITH_OUTLIER = _a(2.0, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 40.0)


# ── m01.missing-duplicates: aieng.clean.pipeline.clean, only those two steps ──────────────────


def _gappy_table(rng: np.random.Generator) -> tuple[Any, ...]:
    """(n, p) values with copied rows and up to 30 % holes per column (never all of one)."""
    n, p = int(rng.integers(3, 15)), int(rng.integers(1, 4))
    X = np.round(rng.normal(50, 15, size=(n, p)), 2)
    for _ in range(int(rng.integers(0, n // 2 + 1))):  # duplicate some rows, holes included
        X[int(rng.integers(0, n))] = X[int(rng.integers(0, n))]
    holes = rng.random((n, p)) < 0.2
    X[holes] = np.nan
    for j in range(p):
        column = X[:, j]
        while np.isnan(column).sum() * 10 > 3 * n or np.isnan(column).all():
            column[np.flatnonzero(np.isnan(column))[0]] = np.round(rng.normal(50, 15), 2)
    return (X,)


def _clean_reference(clean: Fn) -> Fn:
    def fill_and_dedupe(X: np.ndarray) -> np.ndarray:
        import pandas as pd

        from aieng.clean.config import CleanConfig

        config = CleanConfig.model_validate(
            {"outliers": {"enabled": False}, "missing_values": {"indicator": False}}
        )
        frame = pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])])
        result = clean(frame, config)
        if result.frame.isna().any().any():  # over max_share: a bug in the grader's case
            raise RuntimeError(f"the grader's case left a gap: {X!r}")
        return np.asarray(result.frame.to_numpy(dtype="float64"))

    return fill_and_dedupe


# ── m01.error-classes: aieng.errors, its hierarchy and exit codes ─────────────────────────────

ERROR_KINDS = harness.FAMILY


def _error_case(rng: np.random.Generator) -> tuple[Any, ...]:
    kind = str(rng.choice(ERROR_KINDS))
    thing = str(rng.choice(["dataset", "month", "column", "file", "topic"]))
    name = "".join(rng.choice(list("abcdefghij"), size=int(rng.integers(1, 9))))
    hint = "" if rng.random() < 0.3 else f"run `aieng {thing} list` to see them."
    exit_code = None if rng.random() < 0.6 else int(rng.integers(3, 9))
    return (kind, f"unknown {thing} {name!r}", hint, exit_code)


_ERROR_FIXED = [
    Case("the base class", ("AiengError", "the file is empty", "give another file.", None)),
    Case("no hint: the message alone", ("AiengError", "the file is empty", "", None)),
    Case("a usage error", ("UsageError", "unknown option '--fats'", "try --fast.", None)),
    Case("inherited exit code", ("NotFoundError", "unknown month 'm13'", "", None)),
    Case("an exit code given", ("DataError", "no rows left", "loosen the filter.", 4)),
    Case("an exit code given replaces the class's 2", ("UsageError", "bad option", "", 5)),
    Case("an exit code given to a subclass", ("NotFoundError", "unknown topic 'x'", "", 3)),
    *[Case(f"class {kind}", (kind, "it failed", "", None)) for kind in ERROR_KINDS[3:]],
]


def _explain_error(case: Case, name: str, got: Any, expected: Any) -> str:
    kind = case.args[0]
    if name == "exit_code":
        return (
            "the class attribute is the default: AiengError's exit_code = 1, UsageError's 2, and "
            "NotFoundError writes none, so it inherits 2; an exit_code given to __init__ replaces "
            "it for that one error (set self.exit_code only when exit_code is not None)."
        )
    if name == "text":
        return (
            "str(error) is 'message (hint)', or the message alone when the hint is empty: "
            "define __str__ on AiengError (the subclasses inherit it)."
        )
    if name == "caught_by":
        return (
            f"an `except` of each class listed must catch a {kind}: a class's parent goes in "
            "parentheses — NotFoundError(UsageError), UsageError(AiengError), and the three "
            "others (AiengError) — so one `except AiengError` catches the whole family."
        )
    if name == "args":
        return (
            "args should be (message,): call super().__init__(message) first, so Exception "
            "keeps the message where tracebacks, logging and pickling look for it."
        )
    return "keep the message and the hint as error.message and error.hint (the CLI prints both)."


# ── m01.atomic-write: aieng.io.atomic_write ───────────────────────────────────────────────────

_WORDS = ("rows", "kept", "12 %", "médian", "naïve", "→", "✓", "列", "\n", "\r\n", "missing")


def _report_case(rng: np.random.Generator) -> tuple[Any, ...]:
    trouble = str(rng.choice(harness.TROUBLES))
    text = " ".join(rng.choice(_WORDS, size=int(rng.integers(1 if trouble else 0, 60))))
    if not trouble and rng.random() < 0.25:
        text += "\ud800"  # a lone surrogate: UTF-8 cannot encode it, the write must fail whole
    return (text, f"old report {int(rng.integers(0, 1000))}\n", trouble)


_REPORT = "rows kept: 7,032\nrows dropped: 11\n"

_WRITE_FIXED = [
    Case("a short report", ("rows kept: 12\n", "old report\n", "")),
    Case("an empty report", ("", "old report\n", "")),
    Case(
        "not ASCII, Windows line endings: written byte for byte",
        ("médian → 3.5 ✓\r\nnaïve\r\n", "old report\n", ""),
    ),
    Case("text UTF-8 cannot encode: the old report must survive", ("half\ud800", "old\n", "")),
    Case("the disk fills up half-way through the write", (_REPORT * 20, "old report\n", DISK)),
    Case("the rename fails at the last step", (_REPORT, "old report\n", RENAME)),
    Case("a full disk, with text that is not ASCII", ("médian → ✓\n" * 30, "old\n", DISK)),
]


def _explain_write(case: Case, name: str, got: Any, expected: Any) -> str:
    text, _, trouble = case.args
    if name == "files":
        stray = sorted(set(got) - set(expected)) if isinstance(got, dict) else []
        if stray:
            return (
                f"{', '.join(stray)} should not be there: delete the temporary file when the "
                "write fails (try/except that removes it and raises again, or finally), and "
                "create it in the target's folder — tmp/ is what tempfile.gettempdir() "
                "answered during the check."
            )
        if trouble or not harness.encodable(text):
            return (
                "the write failed, so reports/report.txt must still hold the old report, whole: "
                "write a temporary file and rename it over the target only once all of it is "
                "written (encode the text before any file is opened)."
            )
        return 'the report must hold text.encode("utf-8"), byte for byte.'
    if name == "error":
        if expected and not got:
            return (
                f"the write failed ({trouble or 'the text cannot be encoded'}) and your function "
                "returned as if it had worked: after cleaning up, raise the error again (a bare "
                "`raise` in the except block), so the caller knows the report is the old one."
            )
        return ""
    if name == "old_file_untouched":
        return (
            "your function wrote into the old file itself (opened the target for writing, or "
            "copied onto it): a program reading report.txt at that moment sees half a report. "
            "Write a temporary file, then os.replace(tmp, target): the name moves to the new "
            "file in one step, and the old file is never written into."
        )
    if name == "renamed_within_folder":
        return (
            "your temporary file was not in the target's folder (tempfile's default folder, "
            "often another file system, where a rename becomes a copy that can be cut half-way): "
            "tempfile.mkstemp(dir=target.parent)."
        )
    return "return target (the path written), as the package's atomic_write does."


GRADERS: dict[str, Grader] = {
    "m01.parse-numbers": Grader(
        params=("texts",),
        outputs=(Output("numbers", "array", rtol=1e-12, atol=1e-12),),
        fixed=lambda: [
            Case("no texts at all (an empty column)", ([],)),
            Case("plain numbers", (["3", "-0.5", "1234.25"],)),
            # What float() reads stays what float() says: a filter that keeps only digits, "."
            # and "-" turns "1e3" into 13.
            Case("numbers float() reads as they are", (["1e3", "+2.5", ".5", "-0.25"],)),
            Case("thousands separators and currency", (["$1,889.50", "€12", "1,000,000"],)),
            Case("every currency sign", (["£7", "€1,200.5", "$0.99"],)),
            Case("a minus with thousands separators", (["-1,234.5", "-12,000"],)),
            Case("percent and spaces", (["14%", " 7.5 ", "100 %"],)),
            Case("accountants' negatives", (["(250)", "($1,000.00)", "-3"],)),
            # Exports pad cells: "(" and "%" are at the ends only once the spaces are gone.
            Case("spaces around the signs", ([" (250) ", " 12.5% ", "  $3,000 "],)),
        ],
        generated=lambda: seeded(_messy_column),
        n_generated=30,
        adapt=_parse_reference,
    ),
    "m01.category-spellings": Grader(
        params=("values",),
        outputs=(Output("canonical", "json"),),
        fixed=lambda: list(_SPELLINGS_FIXED),
        generated=lambda: seeded(_spellings_case),
        n_generated=30,
        adapt=_spellings_reference,
        explain=_explain_spellings,
    ),
    "m01.iqr-fences": Grader(
        params=("values", "k"),
        outputs=(Output("low", "scalar", rtol=1e-9), Output("high", "scalar", rtol=1e-9)),
        fixed=lambda: [
            Case("1 to 9, k = 1.5", (np.arange(1.0, 10.0), 1.5)),
            Case("one wild value", (_WITH_OUTLIER, 1.5)),
            Case("missing values are skipped", (_a(1, 2, np.nan, 3, 4, 5, np.nan, 6), 1.5)),
            Case("far-out fences, k = 3", (_WITH_OUTLIER, 3.0)),
        ],
        generated=lambda: seeded(lambda rng: (_column(rng), float(rng.choice([1.5, 2.0, 3.0])))),
        n_generated=30,
        adapt=_fences_reference("iqr"),
    ),
    "m01.robust-fences": Grader(
        params=("values", "threshold"),
        outputs=(Output("low", "scalar", rtol=1e-9), Output("high", "scalar", rtol=1e-9)),
        fixed=lambda: [
            Case("1 to 9, threshold 3.5", (np.arange(1.0, 10.0), 3.5)),
            Case("one wild value", (_WITH_OUTLIER, 3.5)),
            Case("missing values are skipped", (_a(1, 2, np.nan, 3, 4, 5, np.nan, 6), 3.5)),
            Case("threshold 2", (_WITH_OUTLIER, 2.0)),
        ],
        generated=lambda: seeded(lambda rng: (_column(rng), float(rng.choice([2.0, 3.0, 3.5])))),
        n_generated=30,
        adapt=_fences_reference("mad"),
    ),
    "m01.missing-duplicates": Grader(
        params=("X",),
        outputs=(Output("cleaned", "array", rtol=1e-12, atol=1e-12),),
        fixed=lambda: [
            Case("nothing to do", (_a([1.5, 2.0], [3.5, 4.0]),)),
            Case("one copied row", (_a([1.5, 2.0], [3.5, 4.0], [1.5, 2.0]),)),
            Case(
                "rows equal in one column only are not copies",
                (_a([1.0, 2.0], [1.0, 3.0], [np.nan, 4.0], [5.0, 4.0]),),
            ),
            Case("one hole", (_a([1.0, 10.0], [2.0, np.nan], [4.0, 30.0]),)),
            Case(
                "a copy that inflates the median (drop copies first)",
                (_a([1.0, 2.5], [1.0, 2.5], [1.0, 2.5], [np.nan, 3.0], [4.0, np.nan], [9.0, 6.0]),),
            ),
            Case("copies that both have a hole", (_a([np.nan, 1.0], [np.nan, 1.0], [2.0, 5.0]),)),
        ],
        generated=lambda: seeded(_gappy_table),
        n_generated=25,
        adapt=_clean_reference,
    ),
    "m01.error-classes": Grader(
        params=("kind", "message", "hint", "exit_code"),
        outputs=(
            Output("exit_code", "json"),
            Output("text", "text"),
            Output("caught_by", "json"),
            Output("args", "json"),
            Output("attributes", "json"),
        ),
        fixed=lambda: list(_ERROR_FIXED),
        generated=lambda: seeded(_error_case),
        n_generated=20,
        explain=_explain_error,
        harness=harness.raise_and_catch,
    ),
    "m01.atomic-write": Grader(
        params=("text", "old_text", "trouble"),
        outputs=(
            Output("files", "tree"),
            Output("error", "text"),
            Output("old_file_untouched", "bool"),
            Output("renamed_within_folder", "bool"),
            Output("returns_target", "bool"),
        ),
        fixed=lambda: list(_WRITE_FIXED),
        generated=lambda: seeded(_report_case),
        n_generated=16,
        explain=_explain_write,
        harness=harness.replace_report,
    ),
}
