"""Harness of m01.git-revert: a clone of a pushed history, the learner's script, the state after.

A case is a history written as steps that read like a log — ``"main: add clean.py"``,
``"feature: branch from main"``, ``"main: merge feature"`` — with the subject of the commit that
broke something and the branch checked out when the script starts. :func:`revert_in_clone`:

1. writes the history into a bare repository, ``origin.git``, with one ``git fast-import`` (one
   process for the whole history, where a ``git commit`` per step would cost ~10 ms each), with
   fixed authors and dates, so a history has the same hashes on every run;
2. clones it to ``work/`` — every branch is pushed — and checks out the start branch;
3. runs the learner's script there (``aieng.learn.harnesses.shell``) with the bad commit's full
   hash as ``$1``, under the grader's git identity and clock;
4. reports the state, each commit named by its subject (a new one as ``new 1: <subject>``):

* ``history_kept`` — every branch of origin still holds every commit it held, and so does the
  clone's main: nothing pushed was rewritten (``reset --hard`` or a rebase, then ``push --force``);
* ``new_commits`` — the commits the script made, oldest first: subject, parents, and the commit
  its message says it reverts (git writes ``This reverts commit <hash>.``);
* ``branches`` and ``origin`` — the branches of the clone and of origin, and where each points;
* ``head`` — the branch checked out (or ``detached at …``);
* ``files`` — the work tree's files, byte for byte: what the revert left;
* ``clean`` — nothing staged, modified or untracked, and no revert or merge half done.

Steps: ``add PATH`` writes a new file, ``edit PATH`` appends a line to one, ``delete PATH``
removes one; ``branch from B`` starts a branch at B's tip; ``merge B`` makes a merge commit whose
first parent is the branch's tip and second B's. The commits after the bad one never touch
what it changed, so its revert applies cleanly (the exercise says so).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aieng.learn.harnesses.shell import case_folder, clean_env, require_success, run_script, tool

AUTHOR = b"Ada Lovelace <ada@example.com>"
EPOCH = 1_700_000_000  # the history's first commit; one step an hour after it
LEARNER = {  # the identity and clock of the script's commits: set by the grader, as promised
    "GIT_AUTHOR_NAME": "A Learner",
    "GIT_AUTHOR_EMAIL": "learner@example.com",
    "GIT_COMMITTER_NAME": "A Learner",
    "GIT_COMMITTER_EMAIL": "learner@example.com",
    "GIT_AUTHOR_DATE": "1700900000 +0000",
    "GIT_COMMITTER_DATE": "1700900000 +0000",
}
IN_PROGRESS = ("REVERT_HEAD", "MERGE_HEAD", "CHERRY_PICK_HEAD", "rebase-merge", "rebase-apply")
REVERTS = re.compile(r"This reverts commit ([0-9a-f]{40})")

Files = dict[str, bytes]
State = tuple[bool, list[dict[str, Any]], dict[str, str], str, dict[str, str], Files, bool]


# ── the history, as one fast-import stream ────────────────────────────────────────────────────


def _apply(files: Files, verb: str, path: str, subject: str) -> Files:
    files = dict(files)
    if verb == "add":
        files[path] = f"{path}: the first version\n".encode()
    elif verb == "edit":
        files[path] = files[path] + f"changed by {subject!r}\n".encode()
    elif verb == "delete":
        del files[path]
    else:
        raise ValueError(f"unknown step verb {verb!r}")
    return files


def _merged(ours: Files, theirs: Files, base: Files) -> Files:
    """Both sides' changes since ``base``; a case never changes one file on both sides."""
    merged = dict(ours)
    for path in set(theirs) | set(base):
        if theirs.get(path) != base.get(path):
            if ours.get(path) != base.get(path):
                raise ValueError(f"the case changes {path} on both sides of a merge")
            if path in theirs:
                merged[path] = theirs[path]
            else:
                merged.pop(path, None)
    return merged


def history_stream(steps: Sequence[str]) -> tuple[bytes, dict[str, int]]:
    """The fast-import input that writes ``steps``, and each commit's mark by its subject."""
    out: list[bytes] = []
    tips: dict[str, tuple[int, Files]] = {}  # branch → (mark of its tip, its files)
    forks: dict[str, Files] = {}  # branch → the files where it started (a merge's base)
    marks: dict[str, int] = {}
    for n, step in enumerate(steps, 1):
        branch, _, action = step.partition(": ")
        verb, _, what = action.partition(" ")
        if verb == "branch":  # "branch from main"
            mark, files = tips[what.removeprefix("from ")]
            tips[branch], forks[branch] = (mark, files), files
            out.append(f"reset refs/heads/{branch}\nfrom :{mark}\n\n".encode())
            continue
        parents = [tips[branch][0]] if branch in tips else []
        if verb == "merge":  # "merge feature"
            subject = f"Merge branch '{what}'"
            files = _merged(tips[branch][1], tips[what][1], forks[what])
            parents.append(tips[what][0])
        else:
            subject = action
            files = _apply(tips[branch][1] if branch in tips else {}, verb, what, subject)
        if subject in marks:
            raise ValueError(f"two commits of the case have the subject {subject!r}")
        marks[subject] = n
        when = f"{EPOCH + 3600 * n} +0000".encode()
        message = subject.encode() + b"\n"
        out.append(f"commit refs/heads/{branch}\nmark :{n}\n".encode())
        out.append(b"author " + AUTHOR + b" " + when + b"\ncommitter " + AUTHOR + b" " + when)
        out.append(f"\ndata {len(message)}\n".encode() + message)
        out += [f"from :{parents[0]}\n".encode()] if parents else []
        out += [f"merge :{p}\n".encode() for p in parents[1:]]
        out.append(b"deleteall\n")  # then the whole tree: simple, and right for a merge too
        for path, content in sorted(files.items()):
            out.append(f"M 100644 inline {path}\ndata {len(content)}\n".encode() + content + b"\n")
        out.append(b"\n")
        tips[branch] = (n, files)
    return b"".join(out) + b"done\n", marks


# ── the state after the script ────────────────────────────────────────────────────────────────


def _git(repo: Path, *args: str, env: Mapping[str, str], ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(
        [tool("git"), "-C", str(repo), *args], capture_output=True, env=dict(env), timeout=30
    )
    if done.returncode not in ok:  # the grader's own command: a bug here, not the learner's
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode("utf-8", errors="replace")


def _graph(repo: Path, env: Mapping[str, str]) -> dict[str, tuple[list[str], str, str]]:
    """Every commit reachable from a ref or HEAD: hash → (parents, subject, body), oldest first."""
    out = _git(
        repo,
        "log",
        "--all",
        "--topo-order",
        "--reverse",
        "--format=%H%x00%P%x00%s%x00%b%x1e",
        env=env,
    )
    graph = {}
    for record in out.split("\x1e"):
        if record.strip():
            sha, parents, subject, body = record.strip("\n").split("\x00")
            graph[sha] = (parents.split(), subject, body)
    return graph


def _refs(repo: Path, env: Mapping[str, str]) -> dict[str, str]:
    out = _git(
        repo, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads", env=env
    )
    return dict(line.split(" ") for line in out.splitlines())


def _contains(graph: Mapping[str, tuple[list[str], str, str]], tip: str | None, old: str) -> bool:
    """Whether ``old`` is ``tip`` or one of its ancestors."""
    seen, todo = set(), [tip] if tip else []
    while todo:
        sha = todo.pop()
        if sha == old:
            return True
        if sha not in seen and sha in graph:
            seen.add(sha)
            todo += graph[sha][0]
    return False


def _state(
    root: Path, before: dict[str, str], names: dict[str, str], env: Mapping[str, str]
) -> State:
    work, origin = root / "work", root / "origin.git"
    graph = {**_graph(origin, env), **_graph(work, env)}
    new = [sha for sha in graph if sha not in names]
    labels = dict(names)
    for i, sha in enumerate(new, 1):
        labels[sha] = f"new {i}: {graph[sha][1]}"
    branches, pushed = _refs(work, env), _refs(origin, env)
    kept = all(_contains(graph, pushed.get(b), sha) for b, sha in before.items())
    kept = kept and _contains(graph, branches.get("main"), before["main"])

    def commit(sha: str) -> dict[str, Any]:
        parents, subject, body = graph[sha]
        reverts = REVERTS.search(body)
        return {
            "subject": subject,
            "parents": [labels.get(p, p) for p in parents],
            "reverts": labels.get(reverts.group(1), reverts.group(1)) if reverts else None,
        }

    branch = _git(work, "symbolic-ref", "-q", "--short", "HEAD", env=env, ok=(0, 1)).strip()
    if not branch:
        sha = _git(work, "rev-parse", "HEAD", env=env).strip()
        branch = f"detached at {labels.get(sha, sha)}"
    status = _git(work, "status", "--porcelain", "--untracked-files=all", env=env)
    busy = [name for name in IN_PROGRESS if (work / ".git" / name).exists()]
    files = {
        p.relative_to(work).as_posix(): p.read_bytes()
        for p in sorted(work.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(work).parts
    }
    return (
        kept,
        [commit(sha) for sha in new],
        {b: labels.get(sha, sha) for b, sha in branches.items()},
        branch,
        {b: labels.get(sha, sha) for b, sha in pushed.items()},
        files,
        not status and not busy,
    )


def revert_in_clone(script: Path, steps: tuple[str, ...], bad: str, start: str) -> State:
    """Build the case's clone, run ``script`` in it with the bad commit's hash, report the state."""
    with case_folder("git") as root:
        env = clean_env(root)
        origin, work = root / "origin.git", root / "work"
        stream, marks = history_stream(steps)
        _git(root, "init", "-q", "--bare", "-b", "main", str(origin), env=env)
        subprocess.run(
            [
                tool("git"),
                "-C",
                str(origin),
                "fast-import",
                "--quiet",
                f"--export-marks={root / 'marks'}",
            ],
            input=stream,
            capture_output=True,
            env=env,
            check=True,
            timeout=30,
        )
        by_mark = dict(line.split(" ") for line in (root / "marks").read_text().splitlines())
        names = {by_mark[f":{mark}"]: subject for subject, mark in marks.items()}
        _git(root, "clone", "-q", str(origin), str(work), env=env)
        if start != "main":
            _git(work, "switch", "-q", start, env=env)
        before = _refs(origin, env)
        bad_sha = next(sha for sha, subject in names.items() if subject == bad)
        on = "in the grader's repository"
        ran = run_script(script, [bad_sha], work, env={**env, **LEARNER}, on=on)
        require_success(ran, on=on)
        return _state(root, before, names, env)
