"""aieng.tomlfile: one wording for a missing, broken or invalid TOML file, wherever it is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from aieng import tomlfile
from aieng.errors import ConfigError, InputFileError


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    folds: int
    name: str


def test_read_names_a_missing_a_broken_and_a_non_utf8_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"no such config file '.*nope\.toml'"):
        tomlfile.read(tmp_path / "nope.toml", what="config file", hint="h")
    broken = tmp_path / "broken.toml"
    broken.write_text("[trim\n")
    with pytest.raises(ConfigError, match=r"config file '.*broken\.toml' is not valid TOML") as e:
        tomlfile.read(broken, what="config file", hint="fix it")
    assert e.value.hint == "fix it"
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "Müller"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="it is not UTF-8 text"):
        tomlfile.read(latin, what="config file", hint="h")
    good = tmp_path / "good.toml"
    good.write_text('folds = 5\nname = "x"\n')
    assert tomlfile.read(good, what="config file", hint="h") == {"folds": 5, "name": "x"}


def test_invalid_names_the_first_field_and_counts_the_rest() -> None:
    with pytest.raises(ValidationError) as info:
        _Settings.model_validate({"folds": "many", "colour": "red"})
    err = tomlfile.invalid(info.value, source="compare.toml", hint="see the docs.")
    assert err.message.startswith("compare.toml does not validate: folds: Input should be")
    assert err.message.endswith("(3 problem(s))")  # folds, name missing, colour not allowed
    assert err.hint == "see the docs."
