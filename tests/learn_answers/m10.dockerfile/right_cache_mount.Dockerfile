# right: BuildKit's pip cache mount (the cache never enters a layer), USER nobody, python -m uvicorn, the default port
# syntax=docker/dockerfile:1
FROM python:3.13.1-alpine3.20
WORKDIR /app
COPY ["requirements.txt", "./"]
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
COPY ["app.py", "./"]
USER nobody
CMD ["python", "-m", "uvicorn", "app:app", "--host", "0.0.0.0"]
