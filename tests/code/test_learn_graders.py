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
    answer = tmp_path / "answer.py"
    answer.write_text(
        "from aieng.learn.graders import reference_as_learner\n"
        f"{exercise.function} = reference_as_learner({exercise.id!r})\n"
    )
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
    assert verdict.check == f"{exercise.function}() is written"
    assert verdict.lines[0].startswith(f"{exercise.function}() is not written yet")


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
