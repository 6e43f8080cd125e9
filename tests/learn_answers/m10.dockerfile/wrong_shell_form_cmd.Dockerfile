# mistake: CMD in shell form: /bin/sh is PID 1 and does not pass docker stop's SIGTERM on to uvicorn
# fails: the container serves app:app on 0.0.0.0:8000
FROM python:3.12-slim
WORKDIR /app
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD uvicorn app:app --host 0.0.0.0 --port 8000
