#!/bin/sh
# The web process of a service image: gunicorn for the WSGI services, uvicorn for the ASGI
# one (messaging_service: HTTP and websockets). WEB_CONCURRENCY sets the worker processes.
set -eu
if [ "${TTS_SERVER}" = "asgi" ]; then
    exec uvicorn config.asgi:application --host 0.0.0.0 --port "${PORT}" \
        --workers "${WEB_CONCURRENCY:-2}" --no-server-header
fi
exec gunicorn config.wsgi --bind "0.0.0.0:${PORT}" --workers "${WEB_CONCURRENCY:-2}" \
    --access-logfile - --no-control-socket
