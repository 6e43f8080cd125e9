# The package's answer to m10.dockerfile: a small FastAPI service (app.py, requirements.txt).
# deploy/Dockerfile does the same for `aieng serve`, with more to it (a build stage, wheels
# only, a model folder); both follow the rules the exercise checks.

# A version tag: the same file builds the same Python next month (a digest would pin the
# image byte for byte). The slim variant leaves out compilers and docs the service never runs.
FROM python:3.12-slim

# No .pyc files written at run time (the image is read-only in spirit), and logs that reach
# `docker logs` at once instead of sitting in a buffer.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# The user the service runs as: a fixed uid, so a mounted volume can be granted to it, and
# neither a home nor a login shell, which a web service never needs.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app
# The dependencies first, in a layer of their own: Docker rebuilds a layer only when what it
# depends on changes, so editing app.py reuses this one. --no-cache-dir: pip's download cache
# would stay in the layer, tens of MB no container reads.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# Only the code, named: the context also holds tests/ and the developer's .env (secrets).
COPY app.py .

# Everything that needs root is done; the service itself does not get it.
USER app
EXPOSE 8000
# Exec form (a JSON array): uvicorn is PID 1 and receives docker stop's SIGTERM, so it finishes
# its requests and exits at once. 0.0.0.0: every interface of the container, the published
# port's included; uvicorn's default, 127.0.0.1, is reachable from inside the container only.
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
