# syntax=docker/dockerfile:1
# Helhedsplan CMS: production image (cms.settings.production, gunicorn on port 8000).
#   docker build -t helhedsplan-cms .
# Run it with docker-compose.yml, which supplies the environment (.env.example).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- builder: wheels for the runtime requirements ----------------------------------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
# A compiler, for any pinned package that has no wheel for this platform.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# Only the runtime pins: the test and development tools (requirements-dev.txt) stay out of the image.
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

# --- final image ----------------------------------------------------------------
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    MEDIA_ROOT=/app/media

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

COPY --from=builder /wheels /wheels
COPY --from=builder /build/requirements.txt /tmp/requirements.txt
RUN python -m venv /opt/venv \
    && pip install --no-index --find-links=/wheels -r /tmp/requirements.txt \
    && rm -rf /wheels /tmp/requirements.txt

WORKDIR /app
# The code stays owned by root (read-only for the app); only media/ and static-shared/
# (where docker-compose.yml's web copies the static files for the proxy) are writable.
COPY . .
# Static files are collected into the image. The settings need a key and hosts to load:
# dummy values, set for this one command only; the running container gets real ones.
RUN SECRET_KEY=build-only-dummy-key-never-used-at-runtime ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/static-shared \
    && chown app:app /app/media /app/static-shared

USER app
EXPOSE 8000

# /healthz/ is exempt from the HTTPS redirect; the Host header must be an allowed host,
# so the check sends the first entry of ALLOWED_HOSTS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; host = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.').replace('*', 'localhost') or 'localhost'; request = urllib.request.Request('http://127.0.0.1:8000/healthz/', headers={'Host': host}); urllib.request.urlopen(request, timeout=4)"]

CMD ["gunicorn", "cms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
