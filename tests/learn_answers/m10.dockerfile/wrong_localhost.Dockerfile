# mistake: no --host, so uvicorn listens on 127.0.0.1, which nothing outside the container reaches
# fails: the container serves app:app on 0.0.0.0:8000
FROM python:3.12-slim
WORKDIR /app
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--port", "8000"]
