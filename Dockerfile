# Carnet: one image for web, worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OMP_THREAD_LIMIT=1 \
    CARNET_ENV=production MEDIA_ROOT=/data/media STATIC_ROOT=/app/staticfiles

RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra \
      tesseract-ocr-deu poppler-utils gettext libpq5 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
RUN pip install --no-cache-dir -c requirements.lock -e .
COPY . .
RUN SECRET_KEY=build-only-not-secret python manage.py compilemessages -v0 --ignore=.venv \
 && SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v0

RUN useradd --create-home carnet && mkdir -p /data/media && chown -R carnet /data
USER carnet
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
