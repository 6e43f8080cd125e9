# right: two stages, a digest-pinned base, a venv built in the first and copied, a numeric user, ENTRYPOINT plus CMD with --host=
FROM python:3.11.9-slim-bookworm@sha256:8fb099199b9f2d70342674bd9dbccd3ed03a258f26bbd1d556822c6dfc60c317 AS build
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.11.9-slim-bookworm@sha256:8fb099199b9f2d70342674bd9dbccd3ed03a258f26bbd1d556822c6dfc60c317
ENV PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY app.py ./
USER 10001:10001
ENTRYPOINT ["python", "-m", "uvicorn"]
CMD ["app:app", "--host=0.0.0.0", "--port=8000"]
