"""A Dockerfile read as Docker reads it: instructions, continuation lines, heredocs, flags, stages.

Enough of Docker's own parser for a grader to check what a Dockerfile does without building
it (``aieng.learn.harnesses.m10_dockerfile``): a line that ends in a backslash goes on on the
next (comment lines in between are dropped, as Docker drops them), ``RUN <<EOF`` takes the lines
up to ``EOF`` as its body, ``--from=build`` and the other flags before an instruction's
arguments are kept apart, and a RUN is split into its simple commands (at ``&&``, ``||``,
``;``, ``|``) so that a rule can look at each ``pip install`` or ``apt-get install``. What it
does not know — the ``# escape=`` directive, variables other than a FROM's global ARGs — no
exercise needs. Standard library only, like every harness.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field

KNOWN = (
    *("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT"),
    *("VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"),
)
FLAGGED = ("FROM", "RUN", "COPY", "ADD")  # the instructions that take --flags before arguments
HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")


@dataclass(frozen=True)
class Instruction:
    line: int  # where it starts, 1-based
    keyword: str  # upper case: "COPY"
    flags: dict[str, str]  # --from=build → {"from": "build"}
    args: str  # the rest, continuation lines joined (a heredoc's body after a newline)
    text: str = field(compare=False)  # its first line as written, for messages

    def where(self) -> str:
        return f"line {self.line}: {self.text.strip()[:90]}"


# ── parsing ───────────────────────────────────────────────────────────────────────────────────


def parse(text: str) -> list[Instruction]:
    """The instructions of a Dockerfile; ValueError (with the line) for one Docker would refuse."""
    lines = text.splitlines()
    found, i = [], 0
    while i < len(lines):
        first = lines[i]
        if not first.strip() or first.lstrip().startswith("#"):
            i += 1
            continue
        start, parts = i, []
        while True:  # a line that ends in a backslash goes on on the next one
            current = lines[i].rstrip()
            i += 1
            if not current.endswith("\\"):
                parts.append(current)
                break
            parts.append(current[:-1])
            while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
                i += 1  # comment lines inside a continued instruction are dropped, as Docker does
            if i == len(lines):
                break
        joined = " ".join(p.strip() for p in parts)
        keyword, _, rest = joined.partition(" ")
        keyword = keyword.upper()
        if keyword not in KNOWN:
            raise ValueError(f"line {start + 1}: {keyword!r} is not a Dockerfile instruction")
        for marker in HEREDOC.finditer(rest) if keyword in ("RUN", "COPY") else ():
            body = []
            while i < len(lines) and lines[i].strip() != marker.group(1):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise ValueError(f"line {start + 1}: the heredoc {marker.group(1)} never ends")
            i += 1
            rest += "\n" + "\n".join(body)
        flags: dict[str, str] = {}
        while keyword in FLAGGED and rest.startswith("--"):
            token, _, rest = rest.partition(" ")
            name, _, value = token[2:].partition("=")
            flags[name.lower()] = value
            rest = rest.lstrip()
        found.append(Instruction(start + 1, keyword, flags, rest.strip(), first))
    if not found:
        raise ValueError("the file holds no instruction")
    head = next((x for x in found if x.keyword != "ARG"), found[0])
    if head.keyword != "FROM":
        raise ValueError(f"{head.where()} — a Dockerfile starts with FROM (ARGs may come before)")
    return found


def stages(found: list[Instruction]) -> list[list[Instruction]]:
    """The build stages: each starts with its FROM."""
    out: list[list[Instruction]] = []
    for x in found:
        if x.keyword == "FROM":
            out.append([])
        if out:
            out[-1].append(x)
    return out


def exec_form(x: Instruction) -> list[str] | None:
    """The JSON array of an exec-form CMD/ENTRYPOINT/RUN, or None for the shell form."""
    if not x.args.startswith("["):
        return None
    try:
        value = json.loads(x.args)
    except json.JSONDecodeError:
        return None  # Docker runs a broken JSON array as a shell command: the shell form
    return [str(v) for v in value] if isinstance(value, list) else None


def commands(x: Instruction) -> list[list[str]]:
    """A RUN's simple commands (split at ``&&``, ``||``, ``;``, ``|``, newlines), as words."""
    form = exec_form(x)
    if form is not None:
        return [form]
    out = []
    for part in re.split(r"&&|\|\||;|\||\n", x.args):
        try:
            words = shlex.split(part, comments=True)
        except ValueError:
            words = part.split()
        while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
            words = words[1:]  # FOO=1 pip install …: the command is pip
        if words and words[0] == "sudo":
            words = words[1:]
        if words:
            out.append(words)
    return out


def pip_install(words: list[str]) -> tuple[str, list[str]] | None:
    """(the pip that runs, its arguments) if ``words`` is a pip install, else None."""
    exe = words[0]
    name = exe.rsplit("/", 1)[-1]
    if re.fullmatch(r"pip3?(\.\d+)?", name) and words[1:2] == ["install"]:
        return exe, words[2:]
    if re.fullmatch(r"python3?(\.\d+)?", name) and words[1:4] == ["-m", "pip", "install"]:
        return exe, words[4:]
    return None


def env_names(x: Instruction) -> list[tuple[str, str]]:
    """The (name, value) pairs an ENV or ARG sets (ARG NAME alone: value "")."""
    if x.keyword == "ARG":
        name, _, value = x.args.partition("=")
        return [(name.strip(), value.strip())]
    try:
        words = shlex.split(x.args)
    except ValueError:
        words = x.args.split()
    if words and "=" not in words[0]:  # the old form: ENV NAME the value
        return [(words[0], " ".join(words[1:]))]
    return [(w.partition("=")[0], w.partition("=")[2]) for w in words]
