"""Everything the roadmap says aieng teaches must exist; broken curriculum data must not load."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from typing import Any

import pytest

from aieng.cli import main
from aieng.errors import ConfigError
from aieng.roadmap import load
from aieng.roadmap.loader import parse
from aieng.runs import built_months

REPO = Path(__file__).resolve().parents[2]


def _commands(group: Any, prefix: str = "aieng") -> set[str]:
    """Every command path of the CLI, e.g. {"aieng", "aieng data show", …}."""
    paths = {prefix}
    for name, cmd in getattr(group, "commands", {}).items():
        paths |= _commands(cmd, f"{prefix} {name}")
    return paths


# The root holds stand-ins that load their command when it runs: walk the real commands.
COMMANDS = {"aieng"}.union(
    *(_commands(main.load_command(name), f"aieng {name}") for name in main.COMMANDS)
)


def _command_exists(command: str) -> bool:
    """A CLI command path, or `aieng run mNN` for a month that is really built."""
    words = command.split()
    if words[:2] == ["aieng", "run"] and len(words) == 3:
        return words[2] in built_months()
    return command in COMMANDS


def _exercise_ids() -> set[str]:
    manifest = REPO / "exercises" / "info.toml"
    if not manifest.exists():
        return set()
    return {e["id"] for e in tomllib.loads(manifest.read_text())["exercises"]}


def test_the_command_walker_sees_real_commands() -> None:
    assert {"aieng roadmap show", "aieng progress mark", "aieng run", "aieng next"} <= COMMANDS


@pytest.mark.parametrize("topic", load().topics, ids=lambda t: t.id)
def test_every_reference_points_at_something_that_exists(topic: Any) -> None:
    for module in topic.modules:
        assert importlib.util.find_spec(module) is not None, f"{topic.id}: no module {module}"
    for command in topic.commands:
        assert _command_exists(command), f"{topic.id}: no command `{command}`"
    for page in topic.docs:
        assert (REPO / page).is_file(), f"{topic.id}: no docs page {page}"
    exercises = _exercise_ids()
    for exercise in topic.exercises:
        assert exercise in exercises, f"{topic.id}: no exercise {exercise}"


def test_built_months_point_at_their_module_and_command() -> None:
    rm = load()
    for month_id in built_months():
        month = rm.month(month_id)
        assert importlib.util.find_spec(month.module) is not None
        assert _command_exists(month.command), f"{month_id}: no command `{month.command}`"


def _topic(tid: str, *, area: str = "data", month: str = "m01") -> str:
    fields = f'id = "{tid}"\ntitle = "T"\nsource = "T"\narea = "{area}"\nmonth = "{month}"\n'
    return "\n[[topics]]\n" + fields


def _broken(edit: str) -> str:
    return (Path(__file__).parent / "roadmap_mini.toml").read_text() + edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            _topic("data.a"),
            r"duplicated topic id or alias: data\.a",
        ),
        (
            _topic("data.z", area="math"),
            r"topic data\.z names unknown area 'math'",
        ),
        (
            _topic("data.z", month="m13"),
            r"bad value for 'topics\.\d+\.month': String should match pattern",
        ),
        (
            _topic("data.z") + 'colour = "red"\n',
            r"unknown key 'topics\.\d+\.colour'",
        ),
        ("\n[[topics\n", r"is not valid TOML"),
    ],
)
def test_broken_roadmap_data_is_refused(edit: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse(_broken(edit), source="roadmap.toml")


def test_the_mini_roadmap_itself_is_valid() -> None:
    assert [t.id for t in parse(_broken("")).topics] == ["data.a", "data.b-new", "data.c"]
