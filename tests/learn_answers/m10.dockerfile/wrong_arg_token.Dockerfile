# mistake: a build argument for a private index token: build args are kept in the image's history
# fails: no secret goes into a layer
FROM python:3.12-slim
WORKDIR /app
RUN useradd --create-home appuser
ARG PIP_INDEX_TOKEN
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
