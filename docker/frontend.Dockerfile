# syntax=docker/dockerfile:1
# The gateway: the web UI built by Vite, served by nginx, which also routes every API
# prefix and /ws/ to its service (DESIGN §3; the same table as frontend/gateway.js).
# NGINX_CONF picks the server configuration: nginx.conf (HTTP, development) or
# nginx.prod.conf (TLS and security headers; docker-compose.prod.yml sets it).

FROM node:20-bookworm-slim AS build
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN npm run build --silent

# nginx-unprivileged runs as user 101 and listens on 8080 (and 8443 for TLS).
FROM nginxinc/nginx-unprivileged:1.27-alpine AS runtime
ARG NGINX_CONF=nginx.conf
COPY nginx/http.conf nginx/routes.conf /etc/nginx/tts/
COPY nginx/${NGINX_CONF} /etc/nginx/conf.d/default.conf
COPY --from=build /frontend/dist /usr/share/nginx/html
USER 101
EXPOSE 8080 8443
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
    CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health/gateway/"]
