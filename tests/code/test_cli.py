"""The command line: error reporting, and the roadmap/progress/run commands end to end."""

from __future__ import annotations

import errno
import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from unwritable import KINDS, unwritable

import aieng.cli
from aieng.cli.main import COMMANDS, app, load_command
from aieng.roadmap import load


def test_user_error_prints_error_and_hint_without_traceback(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("run", "m13")
    assert code == 2
    assert "Error: unknown month 'm13'" in err
    assert "Hint: " in err and "aieng run" in err
    assert "Traceback" not in err and out == ""


def test_debug_shows_the_traceback(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("--debug", "run", "m13")
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert "Error: unknown month 'm13'" in err


def test_a_bug_is_reported_as_a_bug(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import aieng.cli.roadmap as roadmap_cli

    def explode() -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(roadmap_cli, "current", explode)
    code, _, err = cli("roadmap")
    assert code == 1
    assert "Error: unexpected internal error (KeyError: 'surprise')" in err
    assert "Rerun with `aieng --debug" in err and "Traceback" not in err


def test_real_process_has_no_traceback_for_user_errors(aieng_home: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "aieng", "roadmap", "show", "m99"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: unknown roadmap item 'm99'")
    assert "Traceback" not in proc.stderr


def test_run_without_arguments_lists_built_and_planned(cli) -> None:  # type: ignore[no-untyped-def]
    from aieng.runs import built_months

    code, out, _ = cli("run")
    assert code == 0
    assert "m03  Linear regression from scratch" in out
    built = built_months()
    planned = [f"m{n:02d}" for n in range(1, 13) if f"m{n:02d}" not in built]
    assert f"Planned: {', '.join(planned)} (see `aieng roadmap`)." in out


def test_run_of_a_planned_month_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("run", "m07")
    assert code == 2
    assert "Error: month m07 (Neural Networks and Deep Learning) is planned, not built yet" in err
    from aieng.runs import built_months

    assert f"built months: {', '.join(built_months())}." in err
    assert "aieng roadmap show m07" in err


def test_roadmap_tree_json_and_plain(cli) -> None:  # type: ignore[no-untyped-def]
    rm = load()
    code, out, _ = cli("roadmap")
    assert code == 0
    for phase in rm.phases:
        assert phase.title in out
    assert "m12" in out and "Concept areas" in out

    code, out, _ = cli("roadmap", "--json")
    doc = json.loads(out)
    assert len(doc["months"]) == 12 and len(doc["topics"]) == len(rm.topics)
    assert {t["status"] for t in doc["topics"]} <= {"built", "planned"}
    assert all(t["progress"] == "pending" for t in doc["topics"])

    code, out, _ = cli("roadmap", "--plain", "--topics")
    assert code == 0
    assert "\x1b[" not in out and "├" not in out  # no colour codes, no tree drawing
    assert sum(line.strip().startswith("[ ]") for line in out.splitlines()) == len(rm.topics)


def test_roadmap_show_month_phase_area_topic(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("roadmap", "show", "m3")
    assert code == 0
    assert "Mathematics for Machine Learning" in out
    assert "Implement linear regression using NumPy from scratch." in out
    code, out, _ = cli("roadmap", "show", "p2", "--json")
    assert json.loads(out)["title"] == "Core Machine Learning"
    code, out, _ = cli("roadmap", "show", "data", "--json")
    assert "data.cleaning.missing-values" in json.loads(out)["topics"]
    code, out, _ = cli("roadmap", "show", "data.cleaning.missing-values")
    assert "Handle missing values" in out


def test_roadmap_show_unknown_suggests(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("roadmap", "show", "data.cleaning.missing-value")
    assert code == 2
    assert "Error: unknown roadmap item 'data.cleaning.missing-value'" in err
    assert "Did you mean 'data.cleaning.missing-values'" in err


def test_progress_mark_next_export_import(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = load().topics[0]
    code, out, _ = cli("next")
    assert code == 0 and first.title in out

    code, out, _ = cli("progress", "mark", first.id, "done")
    assert code == 0 and f"Marked 1 item(s) done: {first.id}" in out
    code, out, _ = cli("next")
    assert first.title not in out.splitlines()[0]

    code, out, _ = cli("progress", "--json")
    assert json.loads(out)["overall"]["done"] == 1

    exported = tmp_path / "p.json"
    code, out, _ = cli("progress", "export", str(exported))
    assert code == 0 and "Exported 1 mark(s)" in out
    code, out, _ = cli("progress", "import", str(exported))
    assert code == 0 and "0 new, 0 updated, 1 kept" in out


def test_progress_errors_are_pinned(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("progress", "mark", "data.cleaning.missing-values", "finished")
    assert code == 2 and "Error: unknown status 'finished'" in err
    code, _, err = cli("progress", "mark", "done")
    assert code == 2 and "Error: expected one or more ids and then a status, got only 'done'" in err
    code, _, err = cli("progress", "mark", "no.such.topic", "done")
    assert code == 2 and "Error: unknown topic 'no.such.topic'" in err
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    code, _, err = cli("progress", "import", str(bad))
    assert code == 1 and "is not an aieng progress export" in err
    code, _, err = cli("progress", "import", str(tmp_path / "missing.json"))
    assert code == 1 and "Error: no such file" in err


def test_progress_import_refuses_a_mark_from_the_future(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Dated 2999, it would win every later merge; one such mark and nothing is imported.
    first, second = load().topics[:2]
    items = [
        {"id": first.id, "status": "done", "updated_at": "2026-01-01T00:00:00+00:00"},
        {"id": second.id, "status": "done", "updated_at": "2999-01-01T00:00:00+00:00"},
    ]
    export = tmp_path / "p.json"
    export.write_text(json.dumps({"format": "aieng-progress", "version": 1, "items": items}))
    code, out, err = cli("progress", "import", str(export))
    assert code == 1
    assert f"item 1 ('{second.id}') is dated 2999-01-01T00:00:00+00:00, in the future" in err
    assert "Hint: check the clock" in err and "bug" not in out + err
    code, out, _ = cli("progress", "--json")
    assert json.loads(out)["overall"]["done"] == 0


@pytest.mark.slow
def test_run_all_runs_every_built_month_and_writes_the_portfolio(  # type: ignore[no-untyped-def]
    cli, aieng_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wiring is under test, not the months (each has its own e2e test): keep the quick one.
    from aieng.runs import registry

    monkeypatch.setattr(registry, "BUILT", tuple(p for p in registry.BUILT if p.id == "m03"))
    code, out, err = cli("run", "all")
    assert code == 0, err
    assert "m03 Linear regression from scratch" in out
    index = aieng_home / "runs" / "index.html"
    assert f"Portfolio: {index}" in out
    html = index.read_text()
    latest = (aieng_home / "runs" / "m03" / "latest").read_text().strip()
    assert f'href="m03/{latest}/report.html"' in html  # a relative link to the real report
    assert "m12" in html and "planned" in html  # months not built are listed as planned


def test_a_usage_error_is_a_usage_error_not_a_bug(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("roadmap", "--bogus")
    assert code == 2
    assert "No such option: --bogus" in err
    assert "internal error" not in err


# --- commands load when they run: `aieng --help` imports none of them ------------------------


def _summary(help_text: str) -> str:
    """What `aieng --help` shows for a command: its help's first paragraph, on one line."""
    return " ".join(inspect.cleandoc(help_text).split("\n\n")[0].split())


def test_the_help_shows_each_command_the_summary_the_command_declares() -> None:
    root = typer.main.get_command(app)
    ctx = root.context_class(root, info_name="aieng")
    assert root.list_commands(ctx) == list(COMMANDS)
    for name in root.list_commands(ctx):
        listed, real = root.get_command(ctx, name), load_command(name)
        assert listed is not None and real.name == name
        declared = _summary(real.short_help or real.help or "")
        assert listed.help == declared, f"COMMANDS[{name!r}].summary is not {declared!r}"


def test_the_table_names_exactly_the_commands_the_modules_define() -> None:
    """Each command module's `app`, and each public function not in it, is in COMMANDS."""
    defined = set()
    for info in pkgutil.iter_modules(aieng.cli.__path__):
        if info.name in {"main", "console"}:  # the root and the output helpers, not commands
            continue
        module = importlib.import_module(f"aieng.cli.{info.name}")
        sub_app = getattr(module, "app", None)
        in_app: set[Any] = set()
        if isinstance(sub_app, typer.Typer):
            defined.add((module.__name__, "app"))
            in_app = {c.callback for c in sub_app.registered_commands}
            if sub_app.registered_callback:
                in_app.add(sub_app.registered_callback.callback)
        for attr, value in vars(module).items():
            public = inspect.isfunction(value) and not attr.startswith("_")
            if public and value.__module__ == module.__name__ and value not in in_app:
                defined.add((module.__name__, attr))
    listed = {(spec.module, spec.attribute) for spec in COMMANDS.values()}
    assert listed == defined, (
        f"not in COMMANDS: {sorted(defined - listed)}; not a command: {sorted(listed - defined)}"
    )


_IMPORTED = """
import runpy, sys
sys.argv = ["aieng", *sys.argv[1:]]
try:
    runpy.run_module("aieng", run_name="__main__")
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def _imported_by(*args: str) -> set[str]:
    """The modules a fresh `aieng ARGS…` process has imported when it exits."""
    proc = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(proc.stderr.splitlines()[-1].split())


def test_help_imports_no_command_and_a_command_only_its_own() -> None:
    modules = {spec.module for spec in COMMANDS.values()}
    at_help = _imported_by("--help")
    assert not modules & at_help
    assert not {"pandas", "numpy", "sklearn", "mlflow"} & at_help
    assert modules & _imported_by("clean", "--help") == {"aieng.cli.clean"}


def test_a_mistyped_command_gets_a_suggestion(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("cleen")
    assert code == 2
    assert "No such command 'cleen'. Did you mean 'clean'" in err


# --- every command that writes a file checks it before the work --------------------------------


def _table(folder: Path) -> str:
    path = folder / "in.csv"
    path.write_text("a,b\n" + "".join(f"{i},{'xy'[i % 2]}\n" for i in range(40)))
    return str(path)


# name of the output, and the command line that writes it (given the tmp folder and the output)
WRITERS: dict[str, tuple[str, Any]] = {
    "explore -o": ("r.html", lambda d, o: ["explore", _table(d), "-o", o]),
    "data show --report": ("r.html", lambda d, o: ["data", "show", "islr_default", "--report", o]),
    "data export -o": ("d.csv", lambda d, o: ["data", "export", "islr_default", "-o", o]),
    "data corrupt -o": ("d.csv", lambda d, o: ["data", "corrupt", "islr_default", "-o", o]),
    "data corrupt --truth": (
        "t.csv",
        lambda d, o: ["data", "corrupt", "islr_default", "-o", str(d / "d.csv"), "--truth", o],
    ),
    "clean -o": ("c.csv", lambda d, o: ["clean", _table(d), "-o", o]),
    "clean --report": (
        "r.html",
        lambda d, o: ["clean", _table(d), "-o", str(d / "c.csv"), "--report", o],
    ),
    "progress export": ("p.json", lambda d, o: ["progress", "export", o]),
    "pipeline init": ("p.toml", lambda d, o: ["pipeline", "init", o]),
    "pipeline contract -o": ("c.toml", lambda d, o: ["pipeline", "contract", _table(d), "-o", o]),
    "pipeline run --report": ("r.html", lambda d, o: ["pipeline", "run", "--report", o]),
    "segment -o": ("r.html", lambda d, o: ["segment", _table(d), "-o", o]),
    "segment --segments": (
        "s.csv",
        lambda d, o: ["segment", _table(d), "-o", str(d / "r.html"), "--segments", o],
    ),
    "predict -o": ("p.csv", lambda d, o: ["predict", _table(d), "--url", "http://x:1", "-o", o]),
}
# These write a folder: the folder's parent must take it.
FOLDER_WRITERS: dict[str, tuple[str, Any]] = {
    "compare -o": ("cmp", lambda d, o: ["compare", _table(d), "--target", "b", "-o", o]),
    "pipeline export": ("model", lambda d, o: ["pipeline", "export", o]),
}


@pytest.fixture
def no_mlflow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if MLflow is opened: every check must come before the work."""
    from aieng.registry import tracking

    def connect(*args: object, **kwargs: object) -> None:
        pytest.fail("MLflow was opened before the output was checked")

    monkeypatch.setattr(tracking, "connect", connect)


@pytest.mark.usefixtures("no_mlflow")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", [*WRITERS, *FOLDER_WRITERS])
def test_an_output_that_cannot_be_written_is_refused_first(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, command: str, kind: str
) -> None:
    name, args = {**WRITERS, **FOLDER_WRITERS}[command]
    target = unwritable(kind, tmp_path, name)
    code, out, err = cli(*args(tmp_path, str(target)))
    assert code == 1, err
    assert f"Error: cannot write '{target}" in err  # the path, or a file in that folder
    assert "Hint: choose an output path in a folder you can write to." in err
    assert "bug" not in out + err and "Traceback" not in err


@pytest.mark.usefixtures("no_mlflow")
@pytest.mark.parametrize("command", list(WRITERS))
def test_an_output_that_is_a_folder_is_refused_first(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, command: str
) -> None:
    name, args = WRITERS[command]
    target = tmp_path / name
    target.mkdir()
    code, out, err = cli(*args(tmp_path, str(target)))
    assert code == 1, err
    assert f"Error: the output '{target}' is a folder" in err
    assert "Hint: give " in err and "after -o" not in err  # not every command's flag is -o
    assert "bug" not in out + err and "Traceback" not in err


@pytest.mark.parametrize(
    "command", ["explore -o", "data show --report", "progress export", "clean -o", "pipeline init"]
)
def test_a_write_that_fails_at_the_end_names_the_file_not_a_bug(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # A disk that fills up during the run passes the check, and fails at the flush.
    import aieng.io

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(aieng.io.os, "fsync", disk_full)
    name, args = WRITERS[command]
    target = tmp_path / "out" / name
    code, out, err = cli(*args(tmp_path, str(target)))
    assert code == 1, err
    assert f"Error: cannot write '{target}': No space left on device" in err
    assert "bug" not in out + err and "Traceback" not in err
    assert not target.exists()
    assert [p.name for p in target.parent.iterdir()] == []  # no temporary file left either


def test_what_a_user_typed_is_printed_as_typed_never_as_an_emoji(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("roadmap", "show", ":x:")
    assert code != 0 and ":x:" in err and "❌" not in err
