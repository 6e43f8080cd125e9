# mistake: the database URL, password included, baked into an ENV
# fails: no secret goes into a layer
FROM python:3.12-slim
ENV DATABASE_URL=postgresql://app:hunter2@db:5432/app
WORKDIR /app
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
