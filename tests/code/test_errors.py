"""The shared error base and the "unknown name" helper every lookup uses."""

from __future__ import annotations

import pytest

from aieng.errors import (
    AiengError,
    InputFileError,
    NotFoundError,
    UsageError,
    unknown_name,
    unknown_value,
)


def test_unknown_name_suggests_close_matches_and_where_to_look() -> None:
    err = unknown_name("month", "m3", ["m01", "m03"], list_command="aieng run")
    assert isinstance(err, NotFoundError) and isinstance(err, UsageError)
    assert err.message == "unknown month 'm3'"
    assert err.hint == "Did you mean 'm03'? Run `aieng run` to see them all."
    assert err.exit_code == 2


def test_unknown_name_without_anything_close_or_anything_at_all() -> None:
    far = unknown_name("dataset", "zzz", ["telco_churn"], list_command="aieng data list")
    assert far.hint == "Run `aieng data list` to see them all."
    empty = unknown_name("exercise", "ex1", [], list_command="aieng learn")
    assert empty.hint == "There are none yet."


def test_unknown_value_names_the_choices_in_the_data_order() -> None:
    err = unknown_value("target column", "churm", ["tenure", "churn", "charges"])
    assert err.message == "unknown target column 'churm'"
    assert err.hint == "Did you mean 'churn'? The columns are: tenure, churn, charges."
    many = unknown_value("level of 'plan'", "q", [f"p{i}" for i in range(20)], listing="Levels")
    assert many.hint == "Levels: p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, … (20 in all)."
    assert unknown_value("column", "x", []).hint == "There are none."


def test_error_text_and_exit_codes() -> None:
    err = InputFileError("cannot read 'x.csv'", hint="check the path.")
    assert str(err) == "cannot read 'x.csv' (check the path.)"
    assert err.exit_code == 1
    assert AiengError("boom", exit_code=3).exit_code == 3
    with pytest.raises(AiengError, match="cannot read"):
        raise err
