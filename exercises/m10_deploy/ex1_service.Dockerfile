# m10.dockerfile — a Dockerfile for a small Python service, safe to build and to run.
#
# The build context (the folder `docker build` is given) holds:
#   app.py            the service: a FastAPI app named `app`
#   requirements.txt  its dependencies, each pinned (fastapi==0.115.0, uvicorn==0.30.6, …)
#   tests/            its tests, which the image does not need
#   .env              the developer's secrets (API_KEY=…), which must never enter an image
# There is no .dockerignore.
#
# Write the Dockerfile that runs the service with `uvicorn app:app --host 0.0.0.0 --port 8000`.
# The grader never builds it: it reads it, checks the rules below in this order, then runs
# hadolint on it. `aieng check` names the first rule broken and the lines that break it.
#
# 1. The base image is pinned: a tag that names a version (python:3.12-slim) or a digest
#    (@sha256:…); never latest, no tag, nor a tag without a version (python:slim, python:3).
# 2. The service runs as a user that is not root: the final stage's last USER is a user created
#    in that stage (useradd, adduser), a numeric uid, or nobody; and nothing that needs root
#    (apt-get, apk, useradd, pip installing into the system's Python) runs after the switch.
# 3. No secret goes into a layer: no ENV or ARG named like a key, a token, a password or a
#    secret (a name ending in _FILE, the path to one, is fine), no password in a URL, no secret
#    assigned in a RUN; nothing copies .env or a key file, nor the whole context, which holds
#    .env: copy what the service needs, by name.
# 4. Nothing is downloaded unchecked: no ADD of a URL without --checksum.
# 5. Installs keep no caches in the image: pip install with --no-cache-dir (or ENV
#    PIP_NO_CACHE_DIR=1); apt-get install with --no-install-recommends, the apt lists removed
#    (rm -rf /var/lib/apt/lists/*) in the same RUN; apk add with --no-cache.
# 6. The dependencies come from requirements.txt, installed before app.py is copied in.
# 7. CMD (after ENTRYPOINT, if you use one) is in exec form, a JSON array, and runs uvicorn
#    serving app:app on host 0.0.0.0 and port 8000.
# 8. hadolint reports no warning and no error (a `# hadolint ignore=DL…` line above an
#    instruction silences one rule there: say why in a comment).

# TODO: write the Dockerfile here.
