"""No grader is vacuous: each passes the package's reference and fails its untouched starter.

Both go through the real path a learner's file takes (subprocess, limits, every case), so this
is also the proof that the reference named in exercises/info.toml solves the exercise.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from aieng.learn import cases, grading, manifest
from aieng.learn.graders import grader_for
from aieng.learn.manifest import Exercise

EXERCISES = manifest.load().exercises


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, cases.Prepared]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("prepare-home")))
        yield {e.id: cases.prepare(e, *grader_for(e)) for e in EXERCISES}


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_reference_passes_its_grader(
    exercise: Exercise, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    if exercise.answer == "python":
        answer = tmp_path / "answer.py"
        answer.write_text(
            "from aieng.learn.graders import reference_as_learner\n"
            f"{exercise.function} = reference_as_learner({exercise.id!r})\n"
        )
    else:  # a script or a Dockerfile: the package's own file, under the starter's name
        answer = tmp_path / Path(exercise.starter).name
        shutil.copy(manifest.reference_file(exercise), answer)
    grader, grader_file = grader_for(exercise)
    verdict = grading.grade_file(
        exercise, grader, grader_file, answer, prepared=prepared[exercise.id]
    )
    assert verdict.passed, verdict.lines
    assert verdict.cases_total >= len(grader.fixed()) + min(grader.n_generated, 10)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_untouched_starter_fails_its_grader(
    exercise: Exercise, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    starter = tmp_path / Path(exercise.starter).name
    shutil.copy(manifest.starter_path(exercise), starter)
    assert "# TODO" in starter.read_text()
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), starter, prepared=prepared[exercise.id]
    )
    assert not verdict.passed
    assert verdict.check == f"{exercise.subject} is written"
    assert verdict.lines[0].startswith(f"{exercise.subject} is not written yet")


# Answers a learner might really write: other correct methods must pass (the tolerances are
# not tuned to the reference's exact arithmetic), and the classic mistakes must fail.
ANSWERS = {
    "m03.least-squares": (
        "import numpy as np\n"
        "def least_squares(X, y):\n"
        "    A = np.column_stack([X, np.ones(len(y))])\n"
        "    {body}\n"
        "    return theta[:-1], float(theta[-1])\n",
        "theta = np.linalg.lstsq(A, y, rcond=None)[0]",
        "theta = np.linalg.inv(A.T @ A) @ A.T @ y",
        "two nearly identical columns",
    ),
    "m03.pca": (
        "import numpy as np\n"
        "def principal_components(X, n_components):\n"
        "    Xc = X - X.mean(axis=0)\n"
        "    {body}\n"
        "    return vt[:n_components], (s[:n_components] ** 2) / (len(X) - 1)\n",
        "_, s, vt = np.linalg.svd(Xc, full_matrices=False)",
        "_, s, vt = np.linalg.svd(Xc, full_matrices=False); s, vt = s[::-1], vt[::-1]",
        "4 points on a tilted line plus noise",
    ),
    "m03.gradient-descent": (
        "import numpy as np\n"
        "def gradient_descent(X, y, learning_rate, n_epochs):\n"
        "    w, b, n = np.zeros(X.shape[1]), 0.0, len(y)\n"
        "    for _ in range(n_epochs):\n"
        "        r = y - X @ w - b\n"
        "        {body}\n"
        "    return w, b\n",
        "w, b = w + learning_rate * X.T @ r / n, b + learning_rate * r.mean()",
        "w = w + learning_rate * X.T @ r / n",  # forgets the intercept
        "generated case 1",
    ),
    "m03.gradient": (
        "def loss_and_gradient(w, b, X, y, alpha):\n"
        "    r, n = y - X @ w - b, len(y)\n"
        "    {body}\n"
        "    return (r @ r + alpha * w @ w) / (2 * n), grad_w, -r.sum() / n\n",
        "grad_w = (-X.T @ r + alpha * w) / n",
        "grad_w = -X.T @ r / n",  # forgets the penalty
        "3 samples × 2 features, ridge alpha = 2",
    ),
}


@pytest.mark.parametrize("exercise_id", sorted(ANSWERS))
def test_other_correct_methods_pass_and_classic_mistakes_fail(
    exercise_id: str, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    exercise = manifest.load().get(exercise_id)
    template, right, wrong, failing_case = ANSWERS[exercise_id]
    path = tmp_path / "answer.py"
    path.write_text(template.format(body=right))
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared[exercise_id]
    )
    assert verdict.passed, verdict.lines
    path.write_text(template.format(body=wrong))
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared[exercise_id]
    )
    assert not verdict.passed and verdict.check.endswith("matches the reference")
    assert f"on {failing_case}:" in verdict.lines, verdict.lines


def _endpoint_answer(config: str) -> str:
    """The m10.endpoint starter, solved, with ``config`` as the Customer's model_config."""
    starter = manifest.starter_path(manifest.load().get("m10.endpoint")).read_text()
    head, rest = starter.split("class Customer(BaseModel):", 1)
    tail = rest[rest.index("def churn_probability") :]
    tail = tail.replace(
        '    raise NotImplementedError("write create_app")',
        "    app = FastAPI()\n\n"
        '    @app.post("/predict")\n'
        "    def predict(customer: Customer) -> dict[str, Any]:\n"
        "        p = churn_probability(customer)\n"
        '        return {"probability": p, "churn": p >= THRESHOLD}\n\n'
        "    return app",
    )
    customer = (
        "class Customer(BaseModel):\n"
        f"    model_config = {config}\n"
        "    tenure: int = Field(ge=0, le=120)\n"
        "    monthly_charges: float = Field(ge=0, le=200)\n"
        '    contract: Literal["Month-to-month", "One year", "Two year"]\n'
        "    paperless_billing: bool\n"
        "    total_charges: float | None = Field(None, ge=0)\n\n\n"
    )
    return head + customer + tail


@pytest.mark.parametrize(
    ("config", "passes"),
    [
        ('ConfigDict(extra="forbid", strict=True)', True),
        ('ConfigDict(extra="forbid")', False),  # lax: "5" becomes 5, "true" becomes True
        ("ConfigDict(strict=True)", False),  # a misspelt field is dropped silently
    ],
)
def test_the_endpoint_grader_wants_strict_types_and_no_extra_fields(
    config: str, passes: bool, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    exercise = manifest.load().get("m10.endpoint")
    path = tmp_path / "ex1_endpoint.py"
    path.write_text(_endpoint_answer(config))
    verdict = grading.grade_file(
        exercise, *grader_for(exercise), path, prepared=prepared["m10.endpoint"]
    )
    assert verdict.passed is passes, verdict.lines
