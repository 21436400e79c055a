# syntax=docker/dockerfile:1
# One recipe for the five Django services of the uv workspace. docker-compose.yml builds
# it once per service, e.g.
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=ticket_service \
#     --build-arg PACKAGE=tts-ticket-service --build-arg SHORT=tickets --build-arg PORT=8004 .
# The image holds only that service's code, the kernel and that service's dependencies
# (from uv.lock). Its default command serves HTTP; compose runs the same image as the
# service's Celery worker and as its one-shot `migrate`.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ghcr.io/astral-sh/uv:0.9.9 AS uv

FROM ${PYTHON_IMAGE} AS builder
COPY --from=uv /uv /usr/local/bin/uv
ARG SERVICE
ARG PACKAGE
ENV UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never
WORKDIR /src
# uv reads the whole workspace from its manifests; code is copied for this service only.
COPY pyproject.toml uv.lock ./
COPY libs/tts_common/pyproject.toml libs/tts_common/
COPY auth_service/pyproject.toml auth_service/
COPY ticket_service/pyproject.toml ticket_service/
COPY workflow_api/pyproject.toml workflow_api/
COPY messaging_service/pyproject.toml messaging_service/
COPY notification_service/pyproject.toml notification_service/
# Third-party dependencies first: this layer changes only when uv.lock does.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-workspace --package "${PACKAGE}"
COPY libs/tts_common libs/tts_common
COPY ${SERVICE} ${SERVICE}
# The kernel installed as a regular (non-editable) package, so the runtime needs no /src.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable --package "${PACKAGE}"
WORKDIR /src/${SERVICE}
RUN TTS_VAR_DIR=/tmp/var /app/.venv/bin/python manage.py collectstatic --noinput -v 0 \
    && /app/.venv/bin/python -m compileall -q .

FROM ${PYTHON_IMAGE} AS runtime
ARG SERVICE
ARG SHORT
ARG PORT
# wsgi: gunicorn; asgi: uvicorn (messaging_service: HTTP and the /ws/ websockets)
ARG SERVER=wsgi
RUN groupadd --system --gid 10001 tts \
    && useradd --system --uid 10001 --gid tts --home-dir /app --no-create-home tts \
    && mkdir -p /app/var/media \
    && chown -R tts:tts /app/var
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /src/${SERVICE} /app/${SERVICE}
COPY --chmod=0755 docker/serve.sh /usr/local/bin/tts-serve
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TTS_VAR_DIR=/app/var \
    TTS_SERVICE_SHORT=${SHORT} \
    TTS_SERVER=${SERVER} \
    PORT=${PORT}
WORKDIR /app/${SERVICE}
# Code and dependencies stay root-owned and read-only; the service writes to /app/var only
# (uploaded files under /app/var/media/<short>/, a volume in compose).
USER tts
EXPOSE ${PORT}
# 200 only when the service's database and broker answer (tts_common.health).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['PORT']}/health/{os.environ['TTS_SERVICE_SHORT']}/\", timeout=4)"]
# Never migrates or makes migrations: compose runs `manage.py migrate` as a one-shot step.
CMD ["tts-serve"]
