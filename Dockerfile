# netportal web image: gunicorn serving Django with WhiteNoise for static files.
FROM python:3.13-slim-bookworm

RUN apt-get update --yes --quiet \
 && apt-get install --yes --quiet --no-install-recommends libpq5 libjpeg62-turbo libwebp7 zlib1g curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 netportal

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=netportal.settings.production \
    PORT=8000

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY --chown=netportal:netportal . .
# collectstatic and compile_translations need settings to import; a throwaway key (and no page cache)
# is enough for these steps only.
RUN export SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=') ALLOWED_HOSTS=localhost PAGE_CACHE_ENABLED=false \
 && python manage.py collectstatic --noinput \
 && python manage.py compile_translations \
 && mkdir -p /app/media && chown netportal:netportal /app/media

USER netportal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD ["gunicorn", "netportal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
