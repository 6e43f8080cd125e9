"""Code tests for ``aieng.segment``: known clusters are found, words match numbers, bad input is
refused with a clear message (in Python and through the CLI).

Telco-scale behaviour (stability floor, churn per segment) lives in
``tests/model/test_segment_telco.py``; the month end to end in ``tests/e2e/test_m05.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA as SkPCA
from sklearn.metrics import adjusted_rand_score

from aieng.errors import DataError, NotFoundError, UsageError
from aieng.segment.analysis import parse_k, segment
from aieng.segment.anomaly import detect, robust_z
from aieng.segment.choose_k import choose_k, elbow
from aieng.segment.cluster import by_size, cluster
from aieng.segment.features import encode
from aieng.segment.profile import profile
from aieng.segment.projection import PCA_TOLERANCE, project


def blobs(
    k: int = 4, n: int = 400, std: float = 0.6, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    X, y = make_blobs(n_samples=n, centers=k, n_features=5, cluster_std=std, random_state=seed)
    return X, y


def customers(n: int = 240, seed: int = 0) -> pd.DataFrame:
    """Three planted segments: big spenders on premium plans, thrifty long-stayers, newcomers."""
    rng = np.random.default_rng(seed)
    group = np.repeat([0, 1, 2], n // 3)
    spend = np.array([120.0, 30.0, 60.0])[group] + rng.normal(0, 5, n)
    tenure = np.array([30.0, 60.0, 3.0])[group] + rng.normal(0, 3, n)
    plan = np.array(["premium", "basic", "basic"], dtype=object)[group]
    return pd.DataFrame(
        {
            "customer_id": [f"C{i:05d}" for i in range(n)],  # an id: must not be a feature
            "spend": spend,
            "tenure": tenure,
            "plan": plan,
            "paperless": group == 2,
            "churned": np.where(group == 2, "yes", "no"),
            "region": "north",  # constant
            "notes": np.nan,  # all missing
        }
    )


# ---------------------------------------------------------------- features


def test_encode_scales_numbers_one_hots_categories_and_leaves_the_input_alone() -> None:
    frame = customers()
    before = frame.copy()
    fm = encode(frame, ["spend", "tenure", "plan", "paperless", "customer_id", "region", "notes"])
    pd.testing.assert_frame_equal(frame, before)
    assert fm.names == ("spend", "tenure", "plan=premium", "paperless=True")
    assert_allclose(fm.X[:, :2].mean(axis=0), 0.0, atol=1e-12)
    assert_allclose(fm.X[:, :2].std(axis=0), 1.0, atol=1e-12)
    assert set(np.unique(fm.X[:, 2:])) == {0.0, 1.0}
    assert fm.dropped == {
        "customer_id": "240 distinct text values (an id or free text)",
        "region": "constant (every value is 'north')",
        "notes": "all values missing",
    }


def test_identical_encoded_columns_count_once() -> None:
    frame = pd.DataFrame(
        {
            "internet": ["No", "DSL", "Fiber", "DSL", "Fiber"] * 8,
            "backup": ["No internet", "Yes", "No", "No", "Yes"] * 8,
        }
    )
    fm = encode(frame, ["internet", "backup"])
    assert fm.duplicates == {"backup=No internet": "internet=No"}
    assert "backup=No internet" not in fm.names and fm.X.shape[1] == len(fm.names)


def test_missing_and_infinite_numbers_are_filled_and_counted() -> None:
    frame = customers()
    frame.loc[:3, "spend"] = np.nan
    frame.loc[4, "spend"] = np.inf
    fm = encode(frame, ["spend", "plan"])
    assert fm.imputed == {"spend": 5} and np.isfinite(fm.X).all()


def test_no_usable_feature_is_a_data_error() -> None:
    frame = pd.DataFrame({"region": ["north"] * 5, "notes": [np.nan] * 5})
    with pytest.raises(
        DataError, match=r"no usable numeric or categorical features.*region: constant"
    ):
        encode(frame, ["region", "notes"])


# ---------------------------------------------------------------- choosing k and clustering


@pytest.mark.parametrize("k", [3, 5])
def test_choose_k_finds_the_true_k_on_separated_blobs(k: int) -> None:
    X, _ = blobs(k=k)
    choice = choose_k(X, k_max=8, seed=0, n_init=4)
    assert choice.best_k == k
    assert choice.ks == tuple(range(2, 9))
    assert np.all(np.diff(choice.inertia) < 0)  # inertia falls as k grows


def test_elbow_is_where_the_curve_bends_most() -> None:
    ks = np.arange(2, 9)
    inertia = np.array([100.0, 60.0, 20.0, 18.0, 16.0, 14.0, 12.0])
    assert elbow(ks, inertia) == 4


def test_kmeans_recovers_blobs_and_other_methods_and_seeds_agree() -> None:
    X, truth = blobs(k=4)
    result = cluster(X, 4, seed=0)
    assert adjusted_rand_score(truth, result.labels) >= 0.95
    assert np.all(np.diff(np.bincount(result.labels)) <= 0)  # segment 0 is the largest
    assert result.agreement.min() >= 0.95  # GMM and Ward see the same blobs
    assert result.stability.min() >= 0.99


def test_by_size_renumbers_largest_first() -> None:
    assert by_size(np.array([2, 2, 0, 1, 1, 1])).tolist() == [1, 1, 2, 0, 0, 0]


def test_our_pca_matches_scikit_learn_up_to_sign() -> None:
    X, _ = blobs(k=3)
    proj = project(X)
    ref = SkPCA().fit(X)
    assert proj.gap <= PCA_TOLERANCE
    assert_allclose(proj.explained_variance_ratio, ref.explained_variance_ratio_, atol=1e-10)
    assert_allclose(np.abs(proj.coords), np.abs(ref.transform(X)[:, :2]), atol=1e-8)


def test_pca_map_of_a_single_feature_still_has_two_axes() -> None:
    proj = project(np.arange(10.0).reshape(-1, 1))
    assert proj.coords.shape == (10, 2) and proj.gap <= PCA_TOLERANCE


# ---------------------------------------------------------------- profiles and anomalies


def test_profile_names_the_feature_that_really_differs() -> None:
    frame = customers()
    labels = np.repeat([0, 1, 2], 80)
    prof = profile(frame, labels, ["spend", "tenure", "plan", "paperless"], target="churned")
    first, second, third = prof.segments
    assert first.description.startswith("Segment 1, 33% of customers (80): ")
    assert "high spend" in first.description or "many with plan premium" in first.description
    assert "high tenure" in second.description
    assert "low tenure (mean 3" in third.description
    # The target's rarest level is the rate described: all of segment 3 churned, nobody else.
    assert prof.target_label == "churned = yes"
    assert prof.target_rates is not None and prof.target_rates.tolist() == [0.0, 0.0, 1.0]
    assert "churned = yes: 100% (vs 33% overall)" in third.description


def test_robust_z_ignores_the_outlier_and_falls_back_when_mad_is_zero() -> None:
    z = robust_z(pd.Series([10.0, 11.0, 9.0, 10.0, 10.5, 9.5, 1000.0]))
    assert abs(z.iloc[0]) < 1 and z.iloc[-1] > 100
    zeros = robust_z(pd.Series([0.0] * 8 + [5.0, 50.0]))  # MAD and IQR are 0: std scale
    assert np.isfinite(zeros).all() and zeros.iloc[-1] > zeros.iloc[-2] > 0


def test_anomalies_find_planted_outliers_and_say_why() -> None:
    X, _ = blobs(k=3, n=300)
    planted = np.arange(300, 305)
    X = np.vstack([X, X[:5] + 40.0])  # five rows far from every blob, on every feature
    frame = pd.DataFrame(X, columns=[f"f{i}" for i in range(5)])
    anom = detect(X, frame, list(frame.columns), seed=0, top_n=5)
    assert set(anom.top["row"]) == set(planted + 1)  # 1-based, as in the assignments file
    assert anom.flagged_isolation[planted].all() and anom.flagged_lof[planted].all()
    assert all(why.startswith("f") and "z +" in why for why in anom.top["why"])  # "f3 … z +52"
    assert anom.rank_correlation > 0.3


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("value", ["1", "0", "-3", "two", "2.5", ""])
def test_k_must_be_an_integer_of_at_least_two_or_auto(value: str) -> None:
    with pytest.raises(UsageError, match=r"--k must be an integer of at least 2 or 'auto', got"):
        parse_k(value)


def test_k_auto_and_integers_parse() -> None:
    assert parse_k("auto") is None and parse_k(" AUTO ") is None and parse_k("4") == 4


def test_too_few_rows_for_k() -> None:
    with pytest.raises(DataError, match=r"3 rows are too few for 5 segments \(need at least 6\)"):
        segment(customers().head(3), k=5)


def test_unknown_columns_suggest_close_names() -> None:
    frame = customers()
    with pytest.raises(NotFoundError, match=r"unknown target column 'churn'") as err:
        segment(frame, target="churn")
    assert "Did you mean 'churned'?" in err.value.hint and "The columns are:" in err.value.hint
    with pytest.raises(NotFoundError, match=r"unknown column to describe 'tenur'"):
        segment(frame, describe=["tenur"])
    with pytest.raises(NotFoundError, match=r"unknown level of 'churned' 'Yes'") as err:
        segment(frame, target="churned", positive="Yes")
    assert "Did you mean 'yes'?" in err.value.hint


def test_empty_table_and_nothing_left_to_cluster() -> None:
    with pytest.raises(DataError, match=r"the table is empty \(0 rows × 2 columns\)"):
        segment(pd.DataFrame({"a": [], "b": []}))
    with pytest.raises(DataError, match="no columns are left to cluster on"):
        segment(customers()[["spend", "churned"]], target="churned", exclude=["spend"])


# ---------------------------------------------------------------- the whole pipeline and the CLI


def test_segment_finds_the_planted_segments_and_notes_what_it_dropped() -> None:
    frame = customers()
    result = segment(frame, target="churned", k_max=5)
    assert result.clustering.k == 3
    assert adjusted_rand_score(np.repeat([0, 1, 2], 80), result.clustering.labels) == 1.0
    assert "Not a feature: customer_id (240 distinct text values (an id or free text))." in (
        result.notes
    )
    assert len(result.assignments) == len(frame)
    assert result.assignments["segment"].between(1, 3).all()


@pytest.fixture
def customers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    customers().to_csv(path, index=False)
    return path


@pytest.mark.slow
def test_cli_writes_the_report_and_the_segments(cli, customers_csv: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report, seg = tmp_path / "out" / "report.html", tmp_path / "seg.csv"
    code, out, err = cli(
        "segment", str(customers_csv), "-o", str(report), "--target", "churned",
        "--describe", "paperless", "--k", "3", "--segments", str(seg),
    )  # fmt: skip
    assert code == 0, err
    assert "3 segments (as asked) of 240 rows:" in out
    assert "Not a feature: region (constant (every value is 'north'))." in out
    assert "Not a feature: notes (all values missing)." in out
    assert "Segment 1, 33% of customers (80)" in out
    html = report.read_text()
    assert html.count('src="data:image/png;base64,') >= 5
    assert "churned = yes" in html
    assigned = pd.read_csv(seg)
    assert list(assigned.columns) == ["row", "segment", "isolation_score", "lof", "anomaly"]
    assert len(assigned) == 240


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["missing.csv"], 1, "Error: no such file"),
        (["EMPTY"], 1, "is an empty file (0 bytes)"),
        (["CSV", "--k", "one"], 2, "Error: --k must be an integer of at least 2 or 'auto'"),
        (["CSV", "--k", "1"], 2, "got '1'"),
        (["CSV", "--k-max", "1"], 2, "Error: --k-max must be at least 2 to choose k, got 1"),
        (["TINY", "--k", "4"], 1, "Error: 3 rows are too few for 4 segments"),
        (["CSV", "--describe", "tenur"], 2, "Hint: Did you mean 'tenure'?"),
        (["CSV", "--target", "churn"], 2, "Error: unknown target column 'churn'"),
        (["CONSTANT"], 1, "Error: no usable numeric or categorical features"),
        (["HEADER"], 1, "Error: the table is empty (0 rows × 8 columns)"),
        (["FOLDER"], 1, "is a folder, not a table file"),
        (["CSV", "--segments", "seg.xlsx"], 2, "Error: cannot write the segments to 'seg.xlsx'"),
        (["CSV", "-o", "CSV"], 1, "Error: the output"),
        (["CSV", "-o", "EMPTY"], 1, "already exists"),
        (["CSV", "--segments", "EMPTY"], 1, "already exists"),
    ],
)
def test_cli_bad_input_says_what_and_what_to_do(  # type: ignore[no-untyped-def]
    cli, customers_csv: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    tiny = tmp_path / "tiny.csv"
    customers().head(3).to_csv(tiny, index=False)
    constant = tmp_path / "constant.csv"
    pd.DataFrame({"region": ["north"] * 6, "notes": [""] * 6}).to_csv(constant, index=False)
    header = tmp_path / "header.csv"
    customers().head(0).to_csv(header, index=False)
    files = {
        "CSV": customers_csv,
        "EMPTY": empty,
        "TINY": tiny,
        "CONSTANT": constant,
        "HEADER": header,
        "FOLDER": tmp_path,
    }
    # EMPTY as an output: a file that exists (segment checks outputs before reading input)
    argv = [str(files.get(a, a)) for a in args]
    if "-o" not in args:
        argv += ["-o", str(tmp_path / "r.html")]
    got, _, err = cli("segment", *argv)
    assert got == code, err
    assert message in err and "Hint: " in err
    assert "Traceback" not in err
