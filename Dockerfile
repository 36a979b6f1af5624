# The JIPP Hub Registry image: one image for the web (gunicorn + WhiteNoise), worker and beat services.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=jipp.settings.production \
    DJANGO_MEDIA_ROOT=/app/media \
    DJANGO_REPORTS_ROOT=/app/private_media

# WeasyPrint (PDF reports) needs Pango and HarfBuzz; DejaVu gives it a font with Indonesian glyphs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Static files are collected at build time (hashed names for WhiteNoise). Production settings refuse
# to start without a secret, so the build passes a throwaway one; the real one comes at run time.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput -v 0

# The app runs unprivileged; it writes only uploads (media) and generated reports (private_media).
RUN useradd --system --uid 1000 --home-dir /app jipp \
    && mkdir -p /app/media /app/private_media \
    && chown jipp /app/media /app/private_media
USER jipp

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# Workers: gunicorn reads WEB_CONCURRENCY (default 1); docker-compose.yml sets it.
CMD ["gunicorn", "jipp.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
