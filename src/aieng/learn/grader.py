"""The grader API: what a grader declares, and how one output is compared with the reference.

A grader is data, not a test script. It says which function the learner writes, what it
returns (:class:`Output`: a scalar or an array within a stated tolerance, or an exact kind —
text, JSON data, a bool, a file tree, see ``aieng.learn.exact``), a few fixed cases written by
hand, and a hypothesis strategy for generated ones. ``aieng.learn.grading`` does the rest for
every exercise alike: cases and expected outputs come from the *package's* reference function,
the learner's function runs in a sandbox, and the first disagreement is explained.

A property no return value shows (a write that survives a full disk, a key never compared with
``==``) needs a *harness*: a function of ``aieng.learn.harnesses`` the grader names, which runs
in the sandbox around the learner's function — and around the reference's, when the expected
outputs are prepared — and returns what the outputs compare.

Adding an exercise is therefore a few lines::

    GRADERS["m05.kmeans-step"] = Grader(
        params=("X", "centers"),
        outputs=(Output("labels", "array", exact=True),),
        fixed=lambda: [Case("two blobs", (X, centers))],
        generated=lambda: st.builds(...),
    )
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from aieng.learn.exact import compare_exact, cut

# scalar and array: numbers within a tolerance; the others exact (aieng.learn.exact)
Kind = Literal["scalar", "array", "text", "json", "bool", "tree"]
EXACT_KINDS = ("text", "json", "bool", "tree")


@dataclass(frozen=True)
class Case:
    """One input: positional ``args`` in the order of ``Grader.params``, with a label to show."""

    label: str  # "fixed: 3 samples × 2 features" — what the learner reads when it fails
    args: tuple[Any, ...]
    notes: Mapping[str, Any] = field(default_factory=dict)  # from Grader.annotate, for explain


def seeded(make: Callable[[np.random.Generator], tuple[Any, ...]]) -> Any:
    """A hypothesis strategy of generated cases built by ``make`` from a seed it draws.

    For problems that must be well-posed (a unique minimum, separated eigenvalues, both classes
    present): ``make`` builds one from a NumPy generator, hypothesis only picks the seed.
    """
    from hypothesis import strategies as st  # only preparing the cases needs hypothesis

    return st.integers(0, 2**32 - 1).map(
        lambda seed: Case("generated", make(np.random.default_rng(seed)))
    )


@dataclass(frozen=True)
class Output:
    """One value the function returns, and how close to the reference it must be.

    Arrays pass when ``|got - expected| <= atol + rtol·|expected|`` elementwise (NumPy's
    ``allclose`` rule); scalars the same way. ``rows_up_to_sign`` accepts each row multiplied by
    ±1 (an eigenvector's sign is arbitrary). The exact kinds (text, json, bool, tree) ignore the
    tolerances: they are equal or not.
    """

    name: str  # "grad_w"
    kind: Kind
    rtol: float = 1e-7
    atol: float = 1e-9
    rows_up_to_sign: bool = False

    def tolerance(self) -> str:
        return f"|got - expected| ≤ {self.atol:g} + {self.rtol:g}·|expected|"


@dataclass(frozen=True)
class Grader:
    """Everything needed to grade one exercise; the reference comes from the manifest."""

    params: tuple[str, ...]  # argument names, to show a failing input
    outputs: tuple[Output, ...]  # one: the function returns it; several: a tuple of them
    fixed: Callable[[], list[Case]]  # hand-written cases, graded first, simplest first
    generated: Callable[[], Any] | None = None  # → hypothesis strategy of Case (lazy import)
    n_generated: int = 40
    # reference object (function or class) → a function with the learner's signature
    adapt: Callable[[Any], Callable[..., Any]] = field(default=lambda ref: ref)
    # optional: facts about a case worked out once with the reference (reference fn, case)
    annotate: Callable[[Callable[..., Any], Case], Mapping[str, Any]] | None = None
    # optional extra explanation when a value is wrong: (case, output name, got, expected)
    explain: Callable[[Case, str, Any, Any], str] | None = None
    allow_warnings: bool = False  # numpy RuntimeWarnings (overflow, 0/0) count as failures
    time_limit_s: float = 10.0
    memory_limit_mb: int = 1024
    # optional: harness(fn, *case.args) -> the outputs, run in the sandbox around the learner's
    # function and around the reference's (a module-level function of aieng.learn.harnesses)
    harness: Callable[..., Any] | None = None

    @property
    def returns(self) -> str:
        names = ", ".join(o.name for o in self.outputs)
        return names if len(self.outputs) == 1 else f"({names})"


@dataclass(frozen=True)
class Mismatch:
    """Why one output fails: a title for the check and the lines that explain it."""

    check: str  # "returns (loss, grad_w, grad_b)", "grad_w matches the reference", …
    lines: tuple[str, ...]


def show(value: Any) -> str:
    """A short, readable rendering of an input or output value."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=6, threshold=24, edgeitems=3, max_line_width=88)
        return f"{text}  (shape {value.shape}, {value.dtype})" if value.ndim else text
    if isinstance(value, float | np.floating):
        text = f"{float(value):.10g}"
        return text if any(c in text for c in ".enia") else text + ".0"  # 1 → 1.0, not inf
    return cut(repr(value))  # a 1 MiB input is shown by its start and its length


def _describe_type(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} ({value.dtype})"
    return f"a {type(value).__name__} ({show(value)[:60]})"


def _as_scalar(value: Any) -> float | None:
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "fiu":
        return float(value)
    return None


def split_outputs(grader: Grader, got: Any) -> list[Any] | Mismatch:
    """The returned value(s) as a list, one per declared output, or why not."""
    if len(grader.outputs) == 1:
        return [got]
    n = len(grader.outputs)
    if not isinstance(got, tuple | list) or len(got) != n:
        return Mismatch(
            f"returns {grader.returns}",
            (f"expected {n} values {grader.returns}, got {_describe_type(got)}.",),
        )
    return list(got)


def compare(output: Output, got: Any, expected: Any) -> Mismatch | None:
    """Compare one returned value with the reference's: contract first, then the numbers."""
    if output.kind in EXACT_KINDS:
        problem = compare_exact(output.kind, output.name, got, expected)
        return Mismatch(*problem) if problem else None
    if output.kind == "scalar":
        value = _as_scalar(got)
        if value is None:
            return Mismatch(
                f"{output.name} is a number",
                (f"{output.name} should be a single number, got {_describe_type(got)}.",),
            )
        want = float(expected)
        if not np.isclose(value, want, rtol=output.rtol, atol=output.atol, equal_nan=False):
            return Mismatch(
                f"{output.name} matches the reference",
                (
                    labelled(f"expected {output.name}", want),
                    labelled(f"got      {output.name}", value),
                    f"tolerance: {output.tolerance()}",
                ),
            )
        return None
    return _compare_array(output, got, np.asarray(expected))


def _compare_array(output: Output, got: Any, want: np.ndarray) -> Mismatch | None:
    name = output.name
    if not isinstance(got, np.ndarray):
        return Mismatch(
            f"{name} is a NumPy array",
            (f"{name} should be a NumPy array of shape {want.shape}, got {_describe_type(got)}.",),
        )
    if got.shape != want.shape:
        return Mismatch(
            f"{name} has the right shape",
            (f"{name} should have shape {want.shape}, got shape {got.shape}.",),
        )
    if got.dtype.kind != "f":
        return Mismatch(
            f"{name} holds floats",
            (f"{name} should hold floats (float64), got dtype {got.dtype}.",),
        )
    if output.rows_up_to_sign and got.ndim == 2 and got.size:
        # Flip each row of ``got`` to the sign that agrees best with the reference's row.
        signs = np.where(np.sum(got * want, axis=1) < 0, -1.0, 1.0)  # (n_rows,)
        got = got * signs[:, None]
    close = np.isclose(got, want, rtol=output.rtol, atol=output.atol)
    if close.all():
        return None
    diff = np.where(np.isnan(got), np.inf, np.abs(got - want))
    worst = np.unravel_index(int(np.argmax(np.where(close, -1.0, diff))), want.shape)
    where = f"[{', '.join(str(int(i)) for i in worst)}]"
    lines = [
        labelled(f"expected {name}", want),
        labelled(f"got      {name}", got),
        f"{int((~close).sum())} of {want.size} entries differ; the largest at {name}{where}: "
        f"expected {show(want[worst])}, got {show(got[worst])}",
        f"tolerance: {output.tolerance()}"
        + (" (each row may be multiplied by -1)" if output.rows_up_to_sign else ""),
    ]
    return Mismatch(f"{name} matches the reference", tuple(lines))


def labelled(label: str, value: Any, indent: int = 0) -> str:
    """``label = value``, a multi-line array's later rows aligned under its first."""
    head = f"{' ' * indent}{label} = "
    return head + show(value).replace("\n", "\n" + " " * len(head))


def show_inputs(params: Sequence[str], args: Sequence[Any]) -> list[str]:
    """One line (or aligned block) per argument, indented under an "on CASE:" line."""
    return [labelled(p, a, indent=4) for p, a in zip(params, args, strict=True)]


def case_size(case: Case) -> int:
    """How big a case is (total number of array elements): small failures are shown first."""
    return sum(np.size(a) for a in case.args if isinstance(a, np.ndarray))
