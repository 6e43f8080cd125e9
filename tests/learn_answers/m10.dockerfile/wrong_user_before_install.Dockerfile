# mistake: switches to the user right after creating it, so pip installs into the system's Python without root
# fails: the service runs as a user that is not root
FROM python:3.12-slim
WORKDIR /app
RUN useradd --create-home appuser
USER appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
