"""Shared test fixtures: every test runs with its own empty ``$AIENG_HOME`` and no network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def aieng_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point ``AIENG_HOME`` at a fresh folder so no test reads or writes the user's real one."""
    home = tmp_path_factory.mktemp("aieng-home")
    monkeypatch.setenv("AIENG_HOME", str(home))
    yield home


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``aieng ARGS…`` in-process; return ``(exit_code, stdout, stderr)``."""
    from typer.testing import CliRunner

    from aieng.cli.main import app

    def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
        result = CliRunner().invoke(app, list(args), input=input, prog_name="aieng")
        return result.exit_code, result.stdout, result.stderr

    return invoke
