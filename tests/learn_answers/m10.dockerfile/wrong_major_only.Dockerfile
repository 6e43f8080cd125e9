# mistake: python:3-slim looks pinned, but 3 moves with every minor release (3.12, then 3.13)
# fails: the base image is pinned
FROM python:3-slim
WORKDIR /app
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
