"""Graders of month 1's tools: Git and the Linux command line, for real (answers are bash scripts).

* ``m01.git-revert`` — the learner's script runs in a clone of a pushed history the grader
  builds (``aieng.learn.harnesses.m01_git``), with the hash of a bad commit; the repository's
  state afterwards is compared with the package script's (``aieng/learn/references/``). The
  fixed cases pin what the exercise states: the bad commit is the last one or has commits after
  it (revert *it*, not HEAD), it is a merge (``--mainline 1``), the script starts on another
  branch (hotfix starts at main); in every case nothing pushed may be rewritten.
* ``m01.top-5xx-clients`` — the learner's pipeline runs on access logs it has never seen
  (``aieng.learn.harnesses.m01_logs``); what it prints must equal the package script's output
  exactly. Each fixed case pins one property of the statement (the tie rule, counts of two
  digits, the status found from the quotes, IPv6, CRLF and a last line without newline, an empty
  log, no 5xx); generated logs mix them all.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from aieng.learn.grader import Case, Grader, Output, seeded
from aieng.learn.harnesses import m01_git, m01_logs

# ── m01.git-revert ────────────────────────────────────────────────────────────────────────────

_LINEAR = ("main: add clean.py", "main: add report.py", "main: edit clean.py")
_MERGED = (
    "main: add clean.py",
    "feature: branch from main",
    "feature: add plot.py",
    "feature: edit plot.py",
    "main: add report.py",
    "main: merge feature",
    "main: add README.md",
)

_GIT_FIXED = [
    Case("the bad commit is the last one pushed", (_LINEAR, "edit clean.py", "main")),
    Case(
        "two commits came after the bad one: revert it, not HEAD",
        (
            (
                "main: add clean.py",
                "main: delete clean.py",
                "main: add report.py",
                "main: add README.md",
            ),
            "delete clean.py",
            "main",
        ),
    ),
    Case(
        "the bad commit is a merge: undo it against main's side",
        (_MERGED, "Merge branch 'feature'", "main"),
    ),
    Case(
        "the script starts on another branch (wip): hotfix starts at main",
        (
            (*_LINEAR, "main: add README.md", "wip: branch from main", "wip: add notes.md"),
            "add report.py",
            "wip",
        ),
    ),
]

_FILES = (  # more than a history can use: each "add" takes a new one
    "clean.py",
    "report.py",
    "README.md",
    "config.toml",
    "model.py",
    "plot.py",
    "data.csv",
    "serve.py",
    "Makefile",
    "notes.md",
    "schema.json",
    "train.py",
)


def _history(rng: np.random.Generator) -> tuple[Any, ...]:
    """A pushed history with one bad commit (a merge half the time) and 0–2 commits after it."""
    files = [str(f) for f in rng.permutation(_FILES)]
    steps, live = [f"main: add {files[0]}"], {files[0]}
    fresh = iter(files[1:])

    def change(branch: str, avoid: set[str]) -> tuple[str, set[str]]:
        editable = sorted(live - avoid)
        if editable and rng.random() < 0.5:
            path = editable[int(rng.integers(len(editable)))]
            verb = "delete" if rng.random() < 0.3 and len(live) > 1 else "edit"
        else:
            path, verb = next(fresh), "add"
        step = f"{branch}: {verb} {path}"
        if step in steps:  # each subject once: the cases name commits by their subject
            path, verb = next(fresh), "add"
            step = f"{branch}: add {path}"
        if verb == "delete":
            live.discard(path)
        else:
            live.add(path)
        steps.append(step)
        return step.partition(": ")[2], {path}

    for _ in range(int(rng.integers(0, 2))):
        change("main", set())
    if rng.random() < 0.5:  # a feature branch, merged: the merge is the bad commit
        steps.append("feature: branch from main")
        touched: set[str] = set()
        for _ in range(int(rng.integers(1, 3))):
            touched |= change("feature", set(live))[1]  # feature adds files of its own
        steps.append("main: merge feature")
        bad = "Merge branch 'feature'"
    else:
        bad, touched = change("main", set())
    for _ in range(int(rng.integers(0, 3))):
        change("main", touched)  # later commits never touch what the bad one changed
    start = "main"
    if rng.random() < 0.5:
        steps.append("wip: branch from main")
        change("wip", set())
        start = str(rng.choice(["main", "wip"]))
    return (tuple(steps), bad, start)


def _explain_git(case: Case, name: str, got: Any, expected: Any) -> str:
    steps, bad, start = case.args
    history = "the history, oldest first: " + "; ".join(steps) + f" (checked out: {start})"
    if name == "history_kept":
        why = (
            "your script rewrote history that was already pushed: a branch of origin (or your "
            "main) no longer holds every commit it held. `git reset --hard` and a rebase move a "
            "branch to other commits, and `git push --force` makes origin follow, so everyone "
            "who pulled now disagrees with origin. Undo a pushed commit by adding one: git revert."
        )
    elif name == "new_commits":
        made = got if isinstance(got, list) else []
        if not made:
            why = (
                "your script made no commit: git revert makes one that undoes the bad commit "
                "(without --no-commit, or commit what it staged)."
            )
        elif any(c.get("reverts") not in (None, bad) for c in made if isinstance(c, dict)):
            why = (
                f"you reverted another commit than {bad!r}: revert the one whose hash is $1, "
                "not HEAD (the bad commit may have commits after it)."
            )
        else:
            want = expected[0]["parents"] if expected else []
            why = (
                f"the revert should be one commit on top of main's tip ({', '.join(want)}), "
                "made by git revert with its own message. Start hotfix at main (`git switch "
                "--create hotfix main`), whatever branch is checked out; and a merge is "
                "reverted against its first parent (--mainline 1)."
            )
    elif name == "branches":
        why = "main stays where it was; hotfix is new and points at your revert."
    elif name == "head":
        why = "end with hotfix checked out (creating it with git switch --create switches to it)."
    elif name == "origin":
        why = (
            "origin should have hotfix, pointing at your revert, and everything else as it was: "
            "git push --set-upstream origin hotfix."
        )
    elif name == "files":
        why = "the work tree should hold main's files with the bad commit's changes undone."
    else:
        why = (
            "git status should show nothing: no change left staged or unstaged, no untracked "
            "file, no revert half done (a revert that stopped: see its message)."
        )
    return f"{why}\n{history}"


# ── m01.top-5xx-clients ───────────────────────────────────────────────────────────────────────

_AGENTS = ('"curl/8.5.0"', '"Mozilla/5.0 (X11; Linux x86_64)"', '"-"', '"python-requests/2.32"')


def _line(
    client: str,
    status: int,
    *,
    request: str = "GET /predict HTTP/1.1",
    size: str = "162",
    agent: str = "curl/8.5.0",
) -> str:
    when = "[10/Oct/2024:13:55:36 +0000]"
    return f'{client} - - {when} "{request}" {status} {size} "-" "{agent}"'


def _log(*lines: str, end: str = "\n", last_newline: bool = True) -> str:
    text = end.join(lines)
    return text + end if lines and last_newline else text


_LOG_FIXED = [
    Case(
        "three clients, one without errors",
        (
            _log(
                _line("10.0.0.1", 503),
                _line("10.0.0.2", 500),
                _line("10.0.0.1", 502),
                _line("10.0.0.3", 200),
                _line("10.0.0.1", 504),
            ),
            2,
        ),
    ),
    Case(
        "one client's lines are not next to each other",
        (
            _log(
                *[_line(ip, 500) for ip in ("10.0.0.1", "10.0.0.2") * 2],
                _line("10.0.0.1", 500),
                _line("10.0.0.3", 502),
                _line("10.0.0.3", 502),
            ),
            3,
        ),
    ),
    Case(
        "equal counts: the client's byte order decides (10.0.0.10 before 10.0.0.2)",
        (
            _log(
                *[_line(ip, 500) for ip in ("10.0.0.9", "10.0.0.2", "10.0.0.10") * 2],
                *[_line("192.168.1.1", 503)] * 3,
            ),
            3,
        ),
    ),
    Case(
        "counts of two digits sort as numbers (12 before 9)",
        (_log(*[_line("10.0.0.5", 500)] * 9, *[_line("10.0.0.6", 502)] * 12), 2),
    ),
    Case(
        "only the status counts: sizes and URLs that look like 5xx, 499 and 599",
        (
            _log(
                _line("10.0.0.1", 200, size="503"),
                _line("10.0.0.1", 404, request="GET /errors/500 HTTP/1.1"),
                _line("10.0.0.1", 499, size="0"),
                _line("10.0.0.2", 599),
                _line("10.0.0.3", 200, request="GET /page/502 HTTP/1.1", size="502"),
            ),
            3,
        ),
    ),
    Case(
        'a request that is "-" or holds spaces',
        (
            _log(
                _line("10.0.0.1", 500, request="-", size="0"),
                _line("10.0.0.2", 502, request="GET /search?q=a b HTTP/1.1"),
                _line("10.0.0.2", 200, request="-", size="503"),
                _line("10.0.0.3", 503),
            ),
            5,
        ),
    ),
    Case(
        "user agents that hold spaces: fields counted from the end move too",
        (
            _log(
                _line("10.0.0.1", 502, agent="Mozilla/5.0 (X11; Linux x86_64)"),
                _line("10.0.0.2", 500, agent="Mozilla/5.0 (X11; Linux x86_64)"),
                _line("10.0.0.2", 200, size="0", agent="python-requests/2.32"),
                _line("10.0.0.3", 503),
            ),
            3,
        ),
    ),
    Case(
        "IPv6 clients",
        (
            _log(
                _line("2001:db8::7", 500),
                _line("2001:db8::7", 503),
                _line("::1", 502),
                _line("10.0.0.1", 500),
                _line("fe80::1", 200),
            ),
            3,
        ),
    ),
    Case(
        "Windows line endings (CRLF), and no newline after the last line",
        (
            _log(
                _line("10.0.0.1", 500),
                _line("10.0.0.2", 503),
                _line("10.0.0.2", 200),
                _line("10.0.0.2", 502),
                end="\r\n",
                last_newline=False,
            ),
            2,
        ),
    ),
    Case("an empty log: nothing to print, and exit status 0", ("", 3)),
    Case(
        "a log without any 5xx: nothing to print, and exit status 0",
        (_log(_line("10.0.0.1", 200), _line("10.0.0.2", 404)), 3),
    ),
    Case(
        "fewer clients with errors than N",
        (_log(_line("10.0.0.1", 500), _line("10.0.0.2", 200)), 10),
    ),
]

_STATUSES = (200, 200, 200, 201, 204, 301, 304, 400, 404, 499, 500, 502, 503, 504, 599)
_REQUESTS = ("GET /predict HTTP/1.1", "POST /v1/predict HTTP/1.1", "-", "GET /a b HTTP/1.1")


def _random_log(rng: np.random.Generator) -> tuple[Any, ...]:
    """A log of up to 40 lines from 1–7 clients (v4 and v6), with every hard shape now and then."""
    n_clients = int(rng.integers(1, 8))
    pool = [f"10.0.0.{int(rng.integers(1, 30))}" for _ in range(n_clients)]
    pool += [f"2001:db8::{int(rng.integers(1, 99)):x}" for _ in range(int(rng.integers(0, 3)))]
    lines = []
    for _ in range(int(rng.integers(0, 41))):
        status = int(rng.choice(_STATUSES))
        size = str(rng.choice(["0", "162", "512", "503", "-", str(int(rng.integers(1, 99999)))]))
        request = str(rng.choice(_REQUESTS)) if rng.random() < 0.3 else "GET /predict HTTP/1.1"
        agent = str(rng.choice(_AGENTS))
        client = str(rng.choice(pool))
        lines.append(
            f'{client} - - [10/Oct/2024:13:55:36 +0000] "{request}" {status} {size} "-" {agent}'
        )
    end = "\r\n" if rng.random() < 0.3 else "\n"
    return (_log(*lines, end=end, last_newline=rng.random() < 0.8), int(rng.integers(1, 6)))


def _explain_log(case: Case, name: str, got: Any, expected: Any) -> str:
    log, n = case.args
    lines = log.splitlines(keepends=True)
    notes = []
    if isinstance(got, str) and any(line[:1] == " " for line in got.splitlines()):
        notes.append(
            "your lines start with spaces: `uniq -c` pads its counts; print them as COUNT CLIENT "
            "with one space (awk '{print $1, $2}')."
        )
    shown = [f"    {i:>2}  {line!r}" for i, line in enumerate(lines[:25], 1)]
    more = [f"    … and {len(lines) - 25} more lines"] if len(lines) > 25 else []
    return "\n".join([*notes, f"the log ({len(lines)} lines), N = {n}:", *shown, *more])


GRADERS: dict[str, Grader] = {
    "m01.git-revert": Grader(
        params=("steps", "bad", "start"),
        outputs=(
            Output("history_kept", "bool"),
            Output("new_commits", "json"),
            Output("branches", "json"),
            Output("head", "text"),
            Output("origin", "json"),
            Output("files", "tree"),
            Output("clean", "bool"),
        ),
        fixed=lambda: list(_GIT_FIXED),
        generated=lambda: seeded(_history),
        n_generated=1,  # a case costs ~0.2 s (a clone, a push): aieng check stays under 2 s
        explain=_explain_git,
        harness=m01_git.revert_in_clone,
    ),
    "m01.top-5xx-clients": Grader(
        params=("log", "n"),
        outputs=(Output("printed", "text"),),
        fixed=lambda: list(_LOG_FIXED),
        generated=lambda: seeded(_random_log),
        n_generated=14,
        explain=_explain_log,
        harness=m01_logs.top_clients,
    ),
}
