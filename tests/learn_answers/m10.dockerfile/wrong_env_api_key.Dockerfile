# mistake: puts the API key in an ENV, where docker inspect and docker history show it to anyone with the image
# fails: no secret goes into a layer
FROM python:3.12-slim
WORKDIR /app
ENV API_KEY=sk-live-4f9a2c71e0b3
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
