# mistake: switches back to root at the end (to fix a permission), so the service runs as root
# fails: the service runs as a user that is not root
FROM python:3.12-slim
WORKDIR /app
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
RUN chown -R appuser /app
USER root
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
