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
    assert err.message.startswith("compare.toml: bad value for 'folds': Input should be")
    assert "(got 'many')" in err.message
    assert err.message.endswith("(and 2 more problems)")  # name missing, colour not allowed
    assert err.hint == "see the docs."


def test_an_unknown_key_gets_the_closest_known_one_and_the_list() -> None:
    with pytest.raises(ValidationError) as info:
        _Settings.model_validate({"folds": 5, "name": "x", "fold": 3})
    err = tomlfile.invalid(info.value, source="c.toml", hint="see the docs.", model=_Settings)
    assert err.message == "c.toml: unknown key 'fold'; did you mean 'folds'?"
    assert err.hint == "the keys known here: folds, name."
    # without the model, the caller's hint
    plain = tomlfile.invalid(info.value, source="c.toml", hint="see the docs.")
    assert plain.message == "c.toml: unknown key 'fold'" and plain.hint == "see the docs."


def test_the_known_keys_are_found_inside_lists_and_nested_sections() -> None:
    from aieng.errors import ConfigError
    from aieng.pipeline.config import parse
    from aieng.roadmap.loader import parse as parse_roadmap

    with pytest.raises(ConfigError) as info:
        values = {"name": "x", "data": {"source": "s", "target": "t"},
                  "contract": {"columns": {"t": {"type": "int"}}},
                  "gates": {"min_margn": 0.1}}  # fmt: skip
        parse(values, source="p.toml", base_dir=Path())
    assert info.value.message == "p.toml: unknown key 'gates.min_margn'; did you mean 'min_margin'?"
    assert "min_improvement" in info.value.hint
    from importlib import resources

    roadmap = resources.files("aieng.roadmap").joinpath("roadmap.toml").read_text()
    topic = '[[topics]]\nid = "data.z"\ntitle = "T"\nsource = "T"\narea = "data"\nmonth = "m01"\n'
    with pytest.raises(ConfigError) as info:
        parse_roadmap(roadmap + "\n" + topic + 'titel = "x"\n', source="r.toml")
    assert "; did you mean 'title'?" in info.value.message
    assert info.value.message.startswith("r.toml: unknown key 'topics.")
