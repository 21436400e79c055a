"""Calls from one TTS service to another over REST, with a short-lived service token."""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings

from tts_common.jwt import issue_service_token

TIMEOUT_SECONDS = 5
MAX_PAGES = 1000


class ServiceCallFailed(Exception):
    """The other service could not be reached (``status`` None) or answered with an error."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


def service_get(base_url: str, path: str, *, params: dict[str, Any] | None = None) -> Any:
    token = issue_service_token(settings.TTS_SERVICE)
    url = path if path.startswith("http") else f"{base_url.rstrip('/')}{path}"
    try:
        response = requests.get(
            url, params=params, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT_SECONDS
        )
    except requests.RequestException as exc:
        raise ServiceCallFailed(f"GET {url}: {exc}") from exc
    if response.status_code != 200:
        raise ServiceCallFailed(
            f"GET {url}: HTTP {response.status_code} {response.text[:200]}", status=response.status_code
        )
    return response.json()


def service_get_all(
    base_url: str, path: str, *, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every result of a paginated list endpoint, following ``next``."""
    results: list[dict[str, Any]] = []
    page = service_get(base_url, path, params={**(params or {}), "page_size": 100})
    for _ in range(MAX_PAGES):
        results.extend(page["results"])
        if not page.get("next"):
            return results
        page = service_get(base_url, page["next"])
    raise ServiceCallFailed(f"{path}: more than {MAX_PAGES} pages")
