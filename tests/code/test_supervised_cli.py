"""``aieng compare`` from the command line: bad inputs give `Error:`/`Hint:` and no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest

Cli = Callable[..., tuple[int, str, str]]
SMALL = """candidates = ["dummy", "linear"]
folds = 3
repeats = 1
tree_depths = [1, 2]
learning_curve_points = 2
permutation_repeats = 2
"""


@pytest.fixture
def table(tmp_path: Path) -> Path:
    """A small CSV: a learnable yes/no target, a category, a constant and an empty column."""
    rng = np.random.default_rng(0)
    n = 150
    x = rng.normal(size=n)
    frame = pd.DataFrame(
        {
            "x": x,
            "plan": rng.choice(["basic", "pro"], size=n),
            "constant": "same",
            "empty": "",
            "amount": 10 + 3 * x + rng.normal(size=n),
            "label": np.where(x + rng.normal(scale=0.5, size=n) > 0.3, "yes", "no"),
        }
    )
    path = tmp_path / "table.csv"
    frame.to_csv(path, index=False)
    return path


def _config(tmp_path: Path, text: str = SMALL) -> str:
    path = tmp_path / "compare.toml"
    path.write_text(text)
    return str(path)


def _fails(result: tuple[int, str, str], code: int, *lines: str) -> None:
    exit_code, _, err = result
    assert exit_code == code, err
    for line in lines:
        assert line in err, err
    assert "Traceback" not in err and "unexpected internal error" not in err


def test_missing_file(cli: Cli, tmp_path: Path) -> None:
    _fails(cli("compare", str(tmp_path / "nope.csv"), "--target", "y"), 1, "Error: no such file")


def test_wrong_target_suggests_close_names(cli: Cli, table: Path) -> None:
    _fails(
        cli("compare", str(table), "--target", "lable"),
        2,
        "Error: unknown target column 'lable'",
        "Hint: Did you mean 'label'? The columns are: x, plan",
    )


def test_one_class_and_text_target_for_regression(cli: Cli, table: Path, tmp_path: Path) -> None:
    frame = pd.read_csv(table).assign(label="yes")
    one = tmp_path / "one.csv"
    frame.to_csv(one, index=False)
    _fails(
        cli("compare", str(one), "-t", "label"),
        1,
        "Error: the target 'label' has a single class ('yes' on all 150 rows)",
    )
    _fails(
        cli("compare", str(table), "-t", "label", "--task", "regression"),
        1,
        "Error: regression needs a numeric target, but 'label' holds text",
        "Hint: use --task classification",
    )


def test_bad_config_files(cli: Cli, table: Path, tmp_path: Path) -> None:
    bad_model = _config(tmp_path, 'candidates = ["dummy", "lgbm"]\n')
    _fails(
        cli("compare", str(table), "-t", "label", "--config", bad_model),
        1,
        "Error: unknown model 'lgbm' in candidates",
        "Hint: Did you mean 'lightgbm'?",
    )
    bad_key = _config(tmp_path, "fold = 3\n")
    _fails(
        cli("compare", str(table), "-t", "label", "--config", bad_key),
        1,
        "Error: unknown config key 'fold'",
        "Hint: Did you mean 'folds'?",
    )
    _fails(
        cli("compare", str(table), "-t", "label", "--models", "dummy,forrest"),
        1,
        "Error: unknown model 'forrest'",
        "Did you mean 'forest'?",
    )


def test_class_too_small_for_the_folds(cli: Cli, table: Path, tmp_path: Path) -> None:
    frame = pd.read_csv(table).assign(label="no")
    frame.loc[:4, "label"] = "yes"
    small = tmp_path / "small.csv"
    frame.to_csv(small, index=False)
    _fails(
        cli("compare", str(small), "-t", "label", "--folds", "10"),
        1,
        "Error: class 'yes' of the target 'label' has only 4 rows in the training part",
        "Hint: lower --folds (to at most 4)",
    )


@pytest.mark.slow
def test_compare_writes_report_model_and_leaderboard(cli: Cli, table: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = cli(
        "compare", str(table), "-t", "label", "--config", _config(tmp_path), "-o", str(out)
    )
    assert code == 0, err
    assert "Winner: logistic regression (sklearn)" in stdout
    assert "Dropped 'constant'" in stdout and "Dropped 'empty'" in stdout  # a note, no crash
    assert "corrected t-test p =" in stdout and "decision threshold by expected value" in stdout
    html = (out / "report.html").read_text()
    assert html.count('src="data:image/png;base64,') >= 9
    board = pd.read_csv(out / "leaderboard.csv")
    assert board["model"].tolist()[-1] == "dummy (class prior)"
    model = joblib.load(out / "model.joblib")
    assert list(model.feature_names_in_) == ["x", "plan", "amount"]
    features = pd.read_csv(table)[["x", "plan", "amount"]]
    assert model.predict_proba(features).shape == (150, 2)
    # A second run into the same folder must not silently replace the first.
    again = ("compare", str(table), "-t", "label", "--config", _config(tmp_path), "-o", str(out))
    code, _, err = cli(*again)
    assert code == 1 and "Error: the output" in err and "already exists" in err
    assert "--force" in err
    # A regression on the same file, with the target given by the user.
    code, stdout, err = cli(
        "compare",
        str(table),
        "-t",
        "amount",
        "--config",
        _config(tmp_path),
        "--drop",
        "label",
        "-o",
        str(tmp_path / "reg"),
    )
    assert code == 0, err
    assert "Task: regression" in stdout and "RMSE" in stdout


@pytest.mark.slow
def test_wide_table_says_what_it_screened(cli: Cli, tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(40, 300))).add_prefix("x")
    frame["label"] = np.where(frame["x0"] > 0, "yes", "no")
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "out"
    code, stdout, err = cli(
        "compare", str(path), "-t", "label", "--config", _config(tmp_path), "-o", str(out)
    )
    assert code == 0, err
    said = "Wide table: 300 feature columns. Each model sees only the 100 that best predict"
    assert said in stdout  # on the terminal, and in the report
    assert said in (out / "report.html").read_text()
    model = joblib.load(out / "model.joblib")
    assert len(model.named_steps["screen"].columns_) == 100
