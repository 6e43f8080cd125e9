"""Months 1 and 2's exercises: answers written without aieng pass, classic mistakes fail.

tests/code/test_learn_graders.py already proves, for every exercise, that the package's
reference passes and the untouched starter fails; here a learner's own correct answer must pass
too (the tolerances are not tuned to the reference's arithmetic), and a typical mistake — the
correct answer with one edit — must fail at the check named, on the case named, so the message
points at what to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aieng.learn import cases, grading, manifest
from aieng.learn.graders import grader_for

# exercise id -> a correct answer written without aieng
RIGHT: dict[str, str] = {
    "m01.parse-numbers": """\
import numpy as np

def _one(text):
    try:
        return float(text)
    except ValueError:
        pass
    t = "".join(text.split())
    neg = t.startswith("(") and t.endswith(")")
    t = t.strip("()")
    if t[:1] in "$€£":
        t = t[1:]
    if t.endswith("%"):
        t = t[:-1]
    v = float(t.replace(",", ""))
    return -v if neg else v

def parse_numbers(texts):
    return np.array([_one(t) for t in texts], dtype=np.float64)
""",
    "m01.iqr-fences": """\
import numpy as np
def iqr_fences(values, k):
    x = values[~np.isnan(values)]
    q1, q3 = np.percentile(x, [25, 75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)
""",
    "m01.robust-fences": """\
import numpy as np
def robust_fences(values, threshold):
    x = values[~np.isnan(values)]
    m = np.median(x)
    s = 1.4826 * np.median(np.abs(x - m))
    return m - threshold * s, m + threshold * s
""",
    "m01.missing-duplicates": """\
import numpy as np
import pandas as pd
def fill_and_dedupe(X):
    f = pd.DataFrame(X).drop_duplicates()
    return f.fillna(f.median()).to_numpy(dtype="float64")
""",
    "m02.skewness": """\
import numpy as np
def skewness(x):
    d = x - x.mean(); n = len(x)
    g1 = np.mean(d**3) / np.mean(d**2) ** 1.5
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))
""",
    "m02.correlations": """\
import numpy as np
from scipy import stats
def _r(a, b):
    a = a - a.mean(); b = b - b.mean()
    return float(a @ b / np.sqrt((a @ a) * (b @ b)))
def correlations(x, y):
    return _r(x, y), _r(stats.rankdata(x), stats.rankdata(y))
""",
    "m02.cramers-v": """\
import numpy as np
def cramers_v(table, bias_correction):
    r, k = table.shape; n = table.sum()
    e = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    phi2 = ((table - e) ** 2 / e).sum() / n
    if not bias_correction:
        return float(np.sqrt(phi2 / min(r - 1, k - 1)))
    p = max(0.0, phi2 - (r - 1) * (k - 1) / (n - 1))
    rc = r - (r - 1) ** 2 / (n - 1); kc = k - (k - 1) ** 2 / (n - 1)
    return float(np.sqrt(p / min(rc - 1, kc - 1)))
""",
    "m02.correlation-ratio": """\
import numpy as np
def correlation_ratio(groups, values):
    m = values.mean()
    total = ((values - m) ** 2).sum()
    between = 0.0
    for g in np.unique(groups):
        between += (groups == g).sum() * (values[groups == g].mean() - m) ** 2
    return float(np.sqrt(between / total))
""",
    "m02.credible-interval": """\
from scipy import stats
def credible_interval(positives, rows, level):
    a, b = 0.5 + positives, 0.5 + rows - positives
    lo, hi = stats.beta.ppf([(1 - level) / 2, (1 + level) / 2], a, b)
    return float(lo), float(hi)
""",
}

# exercise id -> (text in the right answer, the mistake in its place, the check it fails,
#                 the case it fails on)
MISTAKES: dict[str, tuple[str, str, str, str]] = {
    # parentheses stripped but no minus
    "m01.parse-numbers": (
        "return -v if neg else v",
        "return v",
        "numbers matches the reference",
        "accountants' negatives",
    ),
    # NaN not dropped
    "m01.iqr-fences": (
        "x = values[~np.isnan(values)]",
        "x = values",
        "low matches the reference",
        "missing values are skipped",
    ),
    # the raw MAD, without 1.4826
    "m01.robust-fences": (
        "s = 1.4826 * np.median",
        "s = np.median",
        "low matches the reference",
        "1 to 9, threshold 3.5",
    ),
    # filled before the copies are dropped
    "m01.missing-duplicates": (
        "f = pd.DataFrame(X).drop_duplicates()\n    return f.fillna(f.median()).to_numpy",
        "f = pd.DataFrame(X)\n    return f.fillna(f.median()).drop_duplicates().to_numpy",
        "cleaned matches the reference",
        "a copy that inflates the median (drop copies first)",
    ),
    # no small-sample factor
    "m02.skewness": (
        "return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))",
        "return float(g1)",
        "skew matches the reference",
        "one long right tail",
    ),
    # argsort ranks: ties not averaged
    "m02.correlations": (
        "_r(stats.rankdata(x), stats.rankdata(y))",
        "_r(np.argsort(np.argsort(x)) * 1.0, np.argsort(np.argsort(y)) * 1.0)",
        "spearman matches the reference",
        "ties in x",
    ),
    # the corrected phi² without the shrunken r and k
    "m02.cramers-v": (
        "min(rc - 1, kc - 1)",
        "min(r - 1, k - 1)",
        "v matches the reference",
        "2 × 3, bias-corrected",
    ),
    # η² instead of η
    "m02.correlation-ratio": (
        "np.sqrt(between / total)",
        "between / total",
        "eta matches the reference",
        "two groups far apart",
    ),
    # the uniform prior
    "m02.credible-interval": (
        "0.5 + positives, 0.5 + rows - positives",
        "1 + positives, 1 + rows - positives",
        "low matches the reference",
        "30 of 100, 95 %",
    ),
}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, cases.Prepared]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("prepare-home")))
        found = manifest.load()
        yield {i: cases.prepare(found.get(i), *grader_for(found.get(i))) for i in RIGHT}


# graded through a harness, with their answers in tests/learn_answers/ (test_learn_answers.py)
IN_THE_CORPUS = {"m01.error-classes", "m01.atomic-write"}


def test_every_exercise_of_months_1_and_2_has_an_answer_and_a_mistake() -> None:
    ids = {e.id for e in manifest.load().exercises if e.month in ("m01", "m02")}
    assert ids - IN_THE_CORPUS == set(RIGHT) == set(MISTAKES)
    for exercise_id, (right_text, *_) in MISTAKES.items():
        assert RIGHT[exercise_id].count(right_text) == 1, exercise_id


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", sorted(RIGHT))
def test_a_correct_answer_passes_and_a_classic_mistake_fails(
    exercise_id: str, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    exercise = manifest.load().get(exercise_id)
    right_text, mistake, check, failing_case = MISTAKES[exercise_id]
    path = tmp_path / Path(exercise.starter).name
    path.write_text(RIGHT[exercise_id])
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared[exercise_id]
    )
    assert verdict.passed, verdict.lines
    path.write_text(RIGHT[exercise_id].replace(right_text, mistake))
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared[exercise_id]
    )
    assert not verdict.passed
    assert verdict.check == check, verdict.lines
    assert f"on {failing_case}:" in verdict.lines, verdict.lines
