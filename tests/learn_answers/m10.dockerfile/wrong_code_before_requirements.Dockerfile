# mistake: copies the code with the requirements, so every change to app.py reinstalls every dependency
# fails: dependencies are installed before the code is copied
FROM python:3.12-slim
WORKDIR /app
RUN useradd --create-home appuser
COPY app.py requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
