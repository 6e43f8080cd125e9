# mistake: a relative WORKDIR, which depends on the WORKDIR before it (hadolint DL3000)
# fails: hadolint finds no warning or error
FROM python:3.12-slim
WORKDIR app
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
