# right: curl from apt for a HEALTHCHECK (recommends off, lists removed, the version pin ignored with a reason), adduser, ENV PIP_NO_CACHE_DIR
FROM python:3.12.4-slim
ENV PIP_NO_CACHE_DIR=1
# DL3008 (pin apt versions) is ignored: the Debian release under python:3.12.4-slim moves, and a pinned version would vanish with it.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN adduser --disabled-password --gecos "" --uid 1500 web
WORKDIR /home/web/app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY --chown=web:web app.py ./
USER web
EXPOSE 8000
HEALTHCHECK CMD ["curl", "-fsS", "http://127.0.0.1:8000/health"]
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
