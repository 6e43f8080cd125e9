"""Code tests for ``aieng.explore``: column kinds, bad inputs, findings, and the insight sentences.

The statistics themselves are held to references in ``tests/model/test_explore_stats.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aieng.errors import AiengError, DataError, NotFoundError, UsageError
from aieng.explore import insights
from aieng.explore.analysis import MAX_PAIRED, explore, paired_columns
from aieng.explore.profile import infer_kind, profile_column, profile_columns
from aieng.explore.report import build_report
from aieng.reports import Report


def churn_frame(n: int = 400, seed: int = 0) -> pd.DataFrame:
    """A small table with known answers: contract A churns 40 %, B 10 %; seniors churn more."""
    rng = np.random.default_rng(seed)
    contract = np.array(["A"] * (n // 2) + ["B"] * (n // 2))
    churn = np.zeros(n, dtype=bool)
    churn[: int(0.4 * n / 2)] = True  # 40 % of A
    churn[n // 2 : n // 2 + int(0.1 * n / 2)] = True  # 10 % of B
    senior = np.zeros(n, dtype=bool)
    senior[::2] = True
    return pd.DataFrame(
        {
            "contract": contract,
            "tenure": rng.exponential(10.0, n),  # right-skewed by construction
            "score": rng.normal(size=n),
            "senior": senior,
            "churn": np.where(churn, "Yes", "No"),
        }
    )


# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([1.5, 2.0, 3.25, None], "numeric"),
        (["1", "2", "3.5"], "numeric"),  # numbers read as text
        ([0, 1, 1, 0], "boolean"),
        ([True, False, True], "boolean"),
        (["a", "b", "a", None], "categorical"),
        ([f"id-{i}" for i in range(200)], "text"),
        (["same"] * 5, "constant"),
        ([None, None, None], "empty"),
        (pd.to_datetime(["2024-01-01", "2024-02-01"]), "datetime"),
        (pd.to_timedelta([1, 2, 3], unit="D"), "datetime"),
        (["2024-01-05", "2024-02-01 10:30", None], "datetime"),  # ISO dates read as text
    ],
)
def test_infer_kind(values: object, kind: str) -> None:
    assert infer_kind(pd.Series(values)) == kind


def test_category_dtype_is_categorical_even_with_many_levels() -> None:
    series = pd.Series([f"l{i}" for i in range(300)], dtype="category")
    assert profile_column(series).kind == "categorical"


# ---------------------------------------------------------------- bad inputs


def test_unknown_target_suggests_close_names() -> None:
    with pytest.raises(NotFoundError, match=r"unknown target column 'chrn'") as info:
        explore(churn_frame(), target="chrn", source="data.csv")
    assert "Did you mean 'churn'?" in info.value.hint
    assert "The columns are: contract, tenure, score, senior, churn." in info.value.hint


def test_unknown_sensitive_column_suggests_close_names() -> None:
    with pytest.raises(NotFoundError, match=r"unknown sensitive column 'senor'") as info:
        explore(churn_frame(), target="churn", sensitive=["senor"])
    assert info.value.hint.startswith("Did you mean 'senior'")


def test_target_with_one_value_is_an_error() -> None:
    frame = churn_frame().assign(churn="No")
    with pytest.raises(DataError, match=r"target 'churn' has one value \('No'\)"):
        explore(frame, target="churn")


def test_all_missing_target_is_an_error() -> None:
    frame = churn_frame().assign(churn=None)
    with pytest.raises(DataError, match=r"target 'churn' is missing in all 400 rows"):
        explore(frame, target="churn")


def test_text_target_is_an_error() -> None:
    frame = churn_frame().assign(customer_id=[f"c{i}" for i in range(400)])
    with pytest.raises(DataError, match=r"target 'customer_id' is a text column \(400 distinct"):
        explore(frame, target="customer_id")


def test_unknown_positive_class_lists_the_classes() -> None:
    with pytest.raises(NotFoundError, match=r"unknown 'churn' class 'yes'") as info:
        explore(churn_frame(), target="churn", positive="yes")
    assert "Did you mean 'Yes'?" in info.value.hint


def test_positive_needs_a_categorical_target() -> None:
    with pytest.raises(DataError, match=r"--positive '1' was given, but the target 'score'"):
        explore(churn_frame(), target="score", positive="1")
    with pytest.raises(UsageError, match=r"--positive 'Yes' was given without --target"):
        explore(churn_frame(), positive="Yes")


def test_sensitive_column_cannot_be_the_target() -> None:
    with pytest.raises(UsageError, match=r"'churn' is both the target and a sensitive column"):
        explore(churn_frame(), target="churn", sensitive=["churn"])


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (pd.DataFrame(), r"FILE has no columns"),
        (pd.DataFrame({"a": [], "b": []}), r"header \(2 columns\) but no data rows"),
        (pd.DataFrame([[1, 2]], columns=["a", "a"]), r"duplicated column names \['a'\]"),
    ],
)
def test_empty_or_ambiguous_tables_are_errors(frame: pd.DataFrame, match: str) -> None:
    with pytest.raises(DataError, match=match):
        explore(frame)


# ---------------------------------------------------------------- findings, not crashes


def test_constant_and_empty_columns_are_findings_and_left_out_of_correlations() -> None:
    frame = churn_frame().assign(country="NL", notes=None)
    before = frame.copy()
    ex = explore(frame, target="churn", sensitive=["senior"])
    pd.testing.assert_frame_equal(frame, before)  # the input is never modified
    assert ex.profiles["country"].kind == "constant"
    assert ex.profiles["notes"].kind == "empty"
    assert "country" not in ex.associations.mixed.columns
    assert "undefined (0/0)" in ex.associations.excluded["country"]
    assert ex.associations.excluded["notes"] == "every value is missing"
    sentences = insights.column_insights(ex) + insights.correlation_insights(ex)
    constant = "`country` has a single value ('NL') in every row that has one: it cannot separate"
    assert f"{constant} anything." in sentences
    assert "`notes` is missing in all 400 rows: it carries no information." in sentences
    assert any(s.startswith("`country` is left out of the correlations") for s in sentences)
    assert "country" not in ex.mutual_information.index


def test_sensitive_attribute_with_one_group_has_no_disparity() -> None:
    ex = explore(churn_frame().assign(region="north"), target="churn", sensitive=["region"])
    (result,) = ex.bias
    assert result.sizes == (("north", 400),)
    assert result.disparity is None


# ---------------------------------------------------------------- targets


def test_binary_target_defaults_to_the_minority_class() -> None:
    ex = explore(churn_frame(), target="churn")
    assert ex.target is not None
    assert (ex.target.positive, ex.target.positive_source) == ("Yes", "the minority class")
    assert ex.overall == pytest.approx(0.25)


def test_multiclass_target_rates_are_one_vs_rest() -> None:
    frame = churn_frame()
    frame["plan"] = np.tile(["basic", "plus", "pro", "pro"], 100)
    ex = explore(frame, target="plan", positive="plus", sensitive=["senior"])
    assert ex.target is not None and ex.target.classes == ("basic", "plus", "pro")
    (result,) = ex.bias
    rates = {g.group: g.observed for g in result.groups}
    # senior is every even row; "plus" sits on odd rows: seniors 0 %, others 50 %.
    assert rates == {"True": 0.0, "False": 0.5}
    default = explore(frame, target="plan")
    assert default.target is not None and default.target.positive == "basic"  # ties: first name


def test_numeric_target_compares_group_means() -> None:
    frame = churn_frame().assign(spend=lambda f: np.where(f["senior"], 10.0, 20.0) + f["score"])
    ex = explore(frame, target="spend", sensitive=["senior"])
    assert ex.target is not None and ex.target.task == "regression"
    d = ex.bias[0].disparity
    assert d is not None and d.high.group == "False"
    assert d.difference == pytest.approx(10.0, abs=0.5)


# ---------------------------------------------------------------- insights


def test_skewed_column_is_called_right_skewed_with_its_number() -> None:
    ex = explore(churn_frame())
    skew = ex.profiles["tenure"].numeric.skew  # type: ignore[union-attr]
    assert skew > 1  # exponential: skew ≈ 2
    expected = f"`tenure` is strongly right-skewed (skew {skew:.2f})"
    assert any(s.startswith(expected) for s in insights.column_insights(ex))


@pytest.mark.parametrize(
    ("skew", "words"),
    [
        (0.05, "roughly symmetric"),
        (0.24, "slightly right-skewed"),
        (-0.7, "moderately left-skewed"),
        (2.0, "strongly right-skewed"),
    ],
)
def test_skew_words(skew: float, words: str) -> None:
    assert insights.skew_phrase(skew) == words


def test_target_insight_quotes_the_rates_per_level() -> None:
    ex = explore(churn_frame(), target="churn")
    sentence = (
        "Rows with `contract` = A have churn = Yes at 40.0% vs 10.0% for `contract` = B "
        "(200 and 200 rows)."
    )
    assert sentence in insights.target_insights(ex)
    assert insights.target_insights(ex)[0].startswith("25.0% of rows have churn = Yes (100 of 400")


def test_bias_insight_quotes_rates_intervals_and_the_gap() -> None:
    frame = churn_frame()
    frame["senior"] = frame["contract"] == "A"  # seniors are exactly contract A: 40 % vs 10 %
    ex = explore(frame, target="churn", sensitive=["senior"])
    (sentence, proxy) = insights.bias_insights(ex)
    assert sentence.startswith("churn = Yes is 40.0% for `senior` = True (95% credible interval")
    assert "vs 10.0% for False" in sentence and "a gap of 30.0 points" in sentence
    assert proxy.startswith("The strongest proxy for `senior` is `contract` (Cramér's V 1.00)")


def test_small_groups_are_flagged() -> None:
    frame = churn_frame()
    frame["senior"] = ["x"] * 5 + ["y"] * 395
    ex = explore(frame, target="churn", sensitive=["senior"])
    assert any("small groups (x: 5 rows)" in s for s in insights.bias_insights(ex))


def test_duplicates_and_missing_cells_are_counted() -> None:
    frame = churn_frame()
    frame = pd.concat([frame, frame.iloc[:3]], ignore_index=True)
    frame.loc[10, "score"] = np.nan  # row 10 has no duplicate, so the 3 repeats stay
    ex = explore(frame)
    assert ex.overview.n_duplicate_rows == 3
    assert ex.overview.n_missing_cells == 1
    assert any(s.startswith("3 rows (0.74%) repeat") for s in insights.overview_insights(ex))


# ---------------------------------------------------------------- report


def test_report_has_every_section_with_figures() -> None:
    frame = churn_frame().assign(country="NL", when=pd.Timestamp("2024-01-01"))
    ex = explore(frame, target="churn", sensitive=["senior"])
    html = build_report(ex, frame, title="t").render()
    for title in (
        "Overview",
        "Columns",
        "Missing values",
        "Correlations and associations",
        "Target: churn",
        "Bias: sensitive attributes",
    ):
        assert f">{title}<" in html
    assert html.count('src="data:image/png;base64,') >= 10
    assert "95% credible interval" in html and "Beta(0.5, 0.5)" in html


def test_report_without_target_or_sensitive_columns() -> None:
    frame = churn_frame().drop(columns=["churn"])
    html = build_report(explore(frame), frame, title="t").render()
    assert "Target:" not in html and "Bias:" not in html
    assert html.count('src="data:image/png;base64,') >= 4


@pytest.mark.slow
def test_tiny_table_with_a_target_says_why_there_is_no_mutual_information() -> None:
    frame = churn_frame().iloc[[0, 150, 250]]  # 3 rows: too few for the k-NN estimate
    ex = explore(frame, target="churn", sensitive=["senior"])
    assert ex.mutual_information.empty
    assert (
        "Mutual information is not estimated: 3 rows have a target; the estimate needs at least "
        "20, and a class or level with at least two rows." in insights.target_insights(ex)
    )
    build_report(ex, frame, title="tiny").render()  # every section still draws


def test_numeric_sensitive_attribute_is_grouped_into_quartiles() -> None:
    frame = churn_frame().assign(age=np.arange(400) % 80 + 18)
    ex = explore(frame, target="churn", sensitive=["age"])
    (result,) = ex.bias
    assert result.note == "numeric attribute: grouped into quartiles"
    assert sorted(result.sizes) == [("18–37", 100), ("38–57", 100), ("58–77", 100), ("78–97", 100)]
    binned = [s for s in insights.target_insights(ex) if s.startswith("Rows with `tenure` in ")]
    assert binned, insights.target_insights(ex)


def test_lists_from_json_lines_are_described_as_text() -> None:
    frame = churn_frame().assign(tags=[["a", "b"], ["c"]] * 200)
    ex = explore(frame, target="churn")
    assert ex.profiles["tags"].kind == "categorical"
    assert ex.profiles["tags"].top_values[0] == ("['a', 'b']", 200)
    assert isinstance(frame["tags"].iloc[0], list)  # the caller's frame keeps its lists


# ---------------------------------------------------------------- wide tables: bounded work


def wide_frame(n_columns: int, rows: int = 40, seed: int = 0) -> pd.DataFrame:
    """``n_columns`` analysable columns: numbers (a few with gaps), two categories, a target.

    ``churn`` is decided by ``x0`` alone, so x0 has the highest mutual information.
    """
    rng = np.random.default_rng(seed)
    data: dict[str, object] = {f"x{j}": rng.normal(size=rows) for j in range(n_columns - 3)}
    for j in range(min(5, n_columns - 3)):  # gaps in x0..x4: 5 rows, 6 rows, ...
        column = np.asarray(data[f"x{j}"])
        column[: 5 + j] = np.nan
    data["group"] = rng.choice(["a", "b"], size=rows)
    data["plan"] = rng.choice(["p", "q", "r"], size=rows)
    data["churn"] = np.where(np.nan_to_num(np.asarray(data["x0"]), nan=-1.0) > 0, "Yes", "No")
    return pd.DataFrame(data)


def report_notes(report: Report) -> list[str]:
    return [
        item for sec in report.sections for b in sec.blocks if b.kind == "notes" for item in b.items
    ]


@pytest.mark.slow
def test_wide_table_pairs_at_most_max_paired_columns_and_says_so() -> None:
    frame = wide_frame(3_000)
    ex = explore(frame, target="churn", sensitive=["group"])
    assoc = ex.associations
    # The bounded work really is bounded: 100 columns, not 3,000 (4.5 million pairs).
    assert assoc.mixed.shape == (MAX_PAIRED, MAX_PAIRED)
    assert len(assoc.pearson) <= MAX_PAIRED and len(assoc.skipped) == 3_000 - MAX_PAIRED
    assert {"churn", "group", "x0"} <= set(assoc.mixed.columns)  # target, sensitive, top MI
    assert [f.feature for f in ex.features] == [c for c in assoc.mixed.columns if c != "churn"]
    assert len(ex.mutual_information) == 2_999  # every column keeps its own statistics
    assert len(ex.profiles) == 3_000
    said = (
        "Wide table: 3,000 analysable columns would make 4,498,500 pairs, so the pairwise "
        "associations and target rates per level cover 100 columns, chosen by the target and "
        "the sensitive columns, then the highest mutual information with the target, then the "
        "fewest missing values; the other 2,900 are left out of them"
    )
    assert any(s.startswith(said) for s in insights.key_insights(ex))  # on the terminal too
    report = build_report(ex, frame, title="wide")
    notes = report_notes(report)
    assert sum(s.startswith(said) for s in notes) == 3  # overview, correlations, target
    assert any(
        "among the 100 paired columns (the other 2,900 were not checked)" in s for s in notes
    )
    assert (
        "Drawn: the 100 columns with the most missing values, of 3,000 (ties in the table's "
        "order); the other 2,900 have no missing value."
    ) in notes
    assert any(s.startswith("… and ") and "more findings about single columns" in s for s in notes)
    assert all(len(sec.blocks) < 20 for sec in report.sections)


@pytest.mark.parametrize(("n_columns", "skipped"), [(MAX_PAIRED, 0), (MAX_PAIRED + 1, 1)])
def test_wide_table_boundary(n_columns: int, skipped: int) -> None:
    ex = explore(wide_frame(n_columns), target="churn")
    assert len(ex.associations.mixed) == MAX_PAIRED
    assert len(ex.associations.skipped) == skipped
    wide = [s for s in insights.key_insights(ex) if s.startswith("Wide table:")]
    if skipped:
        assert wide == [
            "Wide table: 101 analysable columns would make 5,050 pairs, so the pairwise "
            "associations and target rates per level cover 100 columns, chosen by the target, "
            "then the highest mutual information with the target, then the fewest missing "
            "values; the other 1 are left out of them (every column keeps its own statistics)."
        ]
    else:
        assert wide == [] and ex.paired_rule == ""


def test_paired_columns_rule() -> None:
    frame = pd.DataFrame(
        {
            "a": [1.0, 2.0, None, 4.0],
            "b": [1.0, 2.0, 3.0, 4.5],
            "c": [2.0, 1.0, 4.0, 3.5],
            "s": ["m", "f", "m", "f"],
            "y": ["1", "0", "0", "1"],
            "id": ["k", "k", "k", "k"],  # constant: never paired
        }
    )
    profiles = profile_columns(frame)
    mi = pd.Series({"c": 0.3, "a": 0.1, "b": 0.1, "s": 0.0})
    # the target and the sensitive column first, then by mutual information
    chosen, rule = paired_columns(profiles, mi, target="y", sensitive=["s"], limit=3)
    assert chosen == ["c", "s", "y"]
    assert rule.startswith("the target and the sensitive columns, then the highest mutual")
    # a tie in mutual information goes to the column with fewer gaps, then the table's order
    assert paired_columns(profiles, mi, target="y", limit=3)[0] == ["b", "c", "y"]
    # without a target: the fewest missing values, ties in the table's order
    assert paired_columns(profiles, pd.Series(dtype=float), limit=2) == (
        ["b", "c"],
        "the fewest missing values",
    )
    assert paired_columns(profiles, mi, limit=5) == (["a", "b", "c", "s", "y"], "")


# ---------------------------------------------------------------- any table: no crash

_KINDS = ["normal", "gappy", "letters", "empty", "constant", "flags", "ints", "ids", "dates"]


def _column(kind: str, n: int, rng: np.random.Generator) -> object:
    values: dict[str, object] = {
        "normal": rng.normal(size=n),
        "gappy": np.where(rng.random(n) < 0.3, np.nan, rng.exponential(size=n)),
        "letters": rng.choice(["a", "b", "c"], n),
        "empty": np.full(n, np.nan),
        "constant": np.full(n, 7),
        "flags": rng.random(n) < 0.5,
        "ints": pd.array(rng.choice([1, 2, 3, None], n), dtype="Int64"),
        "ids": [f"id{i}" for i in range(n)],
        "dates": pd.date_range("2024-01-01", periods=n).astype(str),
    }
    return values[kind]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    kinds=st.lists(st.sampled_from(_KINDS), min_size=1, max_size=5),
    n=st.integers(1, 60),
    target=st.integers(-1, 4),
    sensitive=st.sets(st.integers(0, 4), max_size=2),
)
def test_any_small_table_gives_findings_or_a_user_error(
    kinds: list[str], n: int, target: int, sensitive: set[int]
) -> None:
    rng = np.random.default_rng(n)
    frame = pd.DataFrame({f"c{j}": _column(kind, n, rng) for j, kind in enumerate(kinds)})
    names = list(frame.columns)
    chosen = names[target] if 0 <= target < len(names) else None
    audit = [names[j] for j in sensitive if j < len(names) and names[j] != chosen]
    try:
        ex = explore(frame, target=chosen, sensitive=audit)
    except AiengError as exc:  # a user error says what and what to do
        assert exc.message and exc.hint
        return
    assert insights.key_insights(ex)
    assert set(ex.associations.mixed.columns) | set(ex.associations.excluded) == set(names)
