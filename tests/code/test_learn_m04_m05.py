"""Month 5's exercises: answers written without aieng pass, classic mistakes fail, and
the small package functions their graders call (fit_kmeans, best_k, mean_silhouette) are right.

tests/code/test_learn_graders.py already proves, for every exercise, that the package's
reference passes and the untouched starter fails; here a learner's own correct answer must pass
too (the tolerances are not tuned to the reference's arithmetic), and a typical mistake must
fail on the case named, with a message that says what to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from aieng.learn import cases, grading, manifest
from aieng.learn.graders import grader_for
from aieng.segment.choose_k import best_k, mean_silhouette
from aieng.segment.cluster import fit_kmeans, kmeans

# exercise id -> (template with {body}, right body, wrong body, case the wrong one fails on)
ANSWERS: dict[str, tuple[str, str, str, str]] = {
    "m05.kmeans-step": (
        "import numpy as np\n"
        "def kmeans_step(X, centers):\n"
        "    {body}\n"
        "    return np.vstack([X[labels == j].mean(axis=0) for j in range(len(centers))])\n",
        "labels = ((X[:, None, :] - centers[None]) ** 2).sum(axis=2).argmin(axis=1)",
        "labels = np.abs(X[:, None, :] - centers[None]).max(axis=2).argmin(axis=1)",  # not L2
        "generated case 5",
    ),
    "m05.silhouette": (
        "import numpy as np\n"
        "def mean_silhouette(X, labels):\n"
        "    D = np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1))\n"
        "    s = np.zeros(len(X))\n"
        "    for i in range(len(X)):\n"
        "        same = labels == labels[i]\n"
        "        if same.sum() == 1:\n"
        "            continue\n"
        "        {body}\n"
        "        b = min(D[i, labels == c].mean() for c in set(labels.tolist()) - {{labels[i]}})\n"
        "        s[i] = (b - a) / max(a, b)\n"
        "    return float(s.mean())\n",
        "a = D[i, same].sum() / (same.sum() - 1)",
        "a = D[i, same].mean()",  # counts the row's zero distance to itself
        "two pairs on a line",
    ),
    "m05.choose-k": (
        "import numpy as np\n"
        "def choose_k(ks, inertia, silhouette, tolerance):\n"
        "    if len(ks) < 3:\n"
        "        elbow = int(ks[0])\n"
        "    else:\n"
        "        x = (ks - ks[0]) / (ks[-1] - ks[0])\n"
        "        y = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])\n"
        "        elbow = int(ks[np.argmax((1 - x) - y)])\n"
        "    {body}\n",
        "tied = ks[silhouette >= silhouette.max() - tolerance]\n"
        "    return elbow, int(tied[np.argmin(np.abs(tied - elbow))])",
        "return elbow, int(ks[np.argmax(silhouette)])",  # ignores the tie rule
        "a tie goes to the k nearest the elbow",
    ),
    "m05.pca-map": (
        "import numpy as np\n"
        "def pca_map(X):\n"
        "    {body}\n"
        "    _, s, vt = np.linalg.svd(Xc, full_matrices=False)\n"
        "    var = s**2 / (len(X) - 1)\n"
        "    return vt[:2] @ Xc.T, var / var.sum()\n",
        "Xc = X - X.mean(axis=0)",
        "Xc = X",  # forgets to centre
        "4 points near a line, away from the origin",
    ),
    "m05.robust-z": (
        "import numpy as np\n"
        "def robust_z(values):\n"
        "    med = np.median(values)\n"
        "    {body}\n"
        "    if scale == 0:\n"
        "        scale = values.std(ddof=1)\n"
        "    if scale == 0:\n"
        "        return np.zeros(len(values))\n"
        "    return (values - med) / scale\n",
        "scale = 1.4826 * np.median(np.abs(values - med))\n"
        "    if scale == 0:\n"
        "        q75, q25 = np.quantile(values, [0.75, 0.25])\n"
        "        scale = (q75 - q25) / 1.349",
        "scale = 1.4826 * np.median(np.abs(values - med))",  # no IQR fallback
        "six zeros of ten: the MAD is 0, the IQR is not",
    ),
}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, cases.Prepared]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AIENG_HOME", str(tmp_path_factory.mktemp("prepare-home")))
        loaded = manifest.load()
        yield {i: cases.prepare(loaded.get(i), *grader_for(loaded.get(i))) for i in ANSWERS}


def _grade(exercise_id: str, source: str, path: Path, prepared: cases.Prepared) -> grading.Verdict:
    exercise = manifest.load().get(exercise_id)
    path.write_text(source)
    return grading.grade_file(exercise, *grader_for(exercise), path, prepared=prepared)


def test_every_month_5_exercise_has_an_answer_here() -> None:
    # Month 4's answers live in tests/learn_answers/ (test_learn_answers.py grades them).
    ids = {e.id for e in manifest.load().exercises if e.month == "m05"}
    assert ids == set(ANSWERS)
    assert len(ids) >= 4


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", sorted(ANSWERS))
def test_an_answer_written_without_aieng_passes_and_a_classic_mistake_fails(
    exercise_id: str, prepared: dict[str, cases.Prepared], tmp_path: Path
) -> None:
    template, right, wrong, failing_case = ANSWERS[exercise_id]
    path = tmp_path / "answer.py"
    verdict = _grade(exercise_id, template.format(body=right), path, prepared[exercise_id])
    assert verdict.passed, verdict.lines
    verdict = _grade(exercise_id, template.format(body=wrong), path, prepared[exercise_id])
    assert not verdict.passed and verdict.check.endswith("matches the reference"), verdict.lines
    assert f"on {failing_case}:" in verdict.lines, verdict.lines


def test_fit_kmeans_one_iteration_is_one_lloyd_step() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2)) + np.repeat([[0.0, 0.0], [5.0, 5.0], [0.0, 6.0]], 10, axis=0)
    start = X[[0, 10, 20]].copy()
    labels = ((X[:, None] - start[None]) ** 2).sum(-1).argmin(1)
    by_hand = np.vstack([X[labels == j].mean(axis=0) for j in range(3)])
    got = fit_kmeans(X, 3, seed=0, n_init=1, init=start, max_iter=1).cluster_centers_
    np.testing.assert_allclose(got, by_hand, rtol=1e-12, atol=1e-12)
    # The package's kmeans goes through it with scikit-learn's defaults, as before.
    from sklearn.cluster import KMeans

    direct = KMeans(n_clusters=3, n_init=10, random_state=4).fit(X)
    labels_pkg, inertia = kmeans(X, 3, seed=4)
    assert inertia == pytest.approx(direct.inertia_, rel=1e-9)
    assert len(np.unique(labels_pkg)) == 3


def test_best_k_takes_the_tied_k_nearest_the_elbow() -> None:
    ks = np.arange(2, 7)
    silhouette = np.array([0.205, 0.2, 0.198, 0.15, 0.1])
    assert best_k(ks, silhouette, 4, tolerance=0.01) == 4  # 2, 3, 4 tied
    assert best_k(ks, silhouette, 4, tolerance=0.001) == 2  # only 2 is best
    assert best_k(ks, np.array([0.1, 0.3, 0.1, 0.3, 0.1]), 4, tolerance=0.0) == 3  # the smaller


def test_mean_silhouette_of_two_pairs_by_hand() -> None:
    X = np.array([[0.0], [1.0], [10.0], [11.0]])
    # row 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5; by symmetry every row alike
    # except rows 1 and 2: a = 1, b = 9.5, s = 8.5 / 9.5
    expected = (2 * 9.5 / 10.5 + 2 * 8.5 / 9.5) / 4
    assert mean_silhouette(X, np.array([0, 0, 1, 1])) == pytest.approx(expected, rel=1e-12)
