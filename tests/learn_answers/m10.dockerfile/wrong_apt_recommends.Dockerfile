# mistake: apt-get install without --no-install-recommends and with the lists kept: tens of MB the service never uses
# fails: installs keep no caches in the image
FROM python:3.12-slim
# hadolint ignore=DL3008,DL3015,DL3009
RUN apt-get update && apt-get install -y curl
WORKDIR /app
RUN useradd --create-home appuser
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
USER appuser
EXPOSE 8000
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
