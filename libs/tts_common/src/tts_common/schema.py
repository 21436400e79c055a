"""OpenAPI schemas that name every answer an endpoint gives, the errors included.

drf-spectacular documents the success answer only. Every TTS endpoint also answers in the
kernel's error format (:mod:`tts_common.errors`) when the caller is unknown (401), may not
do this (403), asks for something that is not there (404), sends bad input (400) or calls
too often (429). :class:`AutoSchema` adds those answers to each operation from what the
view really does (its authentication, permissions, throttles, parameters and body), so an
integrator, and the fuzzer (:mod:`tts_common.fuzzing`), can rely on the schema.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny, IsAuthenticated

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"

_SCHEMAS: dict[str, dict[str, Any]] = {
    ERROR: {
        "type": "object",
        "description": "What went wrong, for a person to read.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": (
            'Each invalid field with its messages (`{"subject": ["This field is required."]}`), '
            'or `{"detail": ...}` for the request as a whole.'
        ),
        "additionalProperties": {},
    },
}

_DESCRIPTIONS = {
    "400": "Invalid input.",
    "401": "No valid access token (Bearer header or access_token cookie).",
    "403": "The caller may not do this (role, ownership, or the CSRF check of a cookie session).",
    "404": "Not found, or not visible to the caller.",
    "409": "Conflicts with the current state.",
    "429": "Too many requests; retry after Retry-After seconds.",
}

# Query parameters every list takes that never make a request invalid: a bad page is a 404
# ("Invalid page."), an unknown ordering field is ignored, a page_size above the maximum is
# capped. Not ``search``: a search with a null character is a 400 (DRF's SearchFilter).
_LENIENT_QUERY = {"page", "page_size", "ordering"}


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._error_codes(operation):
            responses.setdefault(code, {"description": _DESCRIPTIONS[code]})
        for code, response in responses.items():
            if code >= "400" and "content" not in response:
                # an error answer declared without a body (``OpenApiResponse()``) still has one
                schema = VALIDATION_ERROR if code == "400" else ERROR
                response["content"] = {"application/json": {"schema": self._component(schema)}}
            if code == "429":
                response.setdefault("headers", {})["Retry-After"] = {
                    "schema": {"type": "integer"},
                    "description": "Seconds until the next request is allowed.",
                }
        return operation

    def _error_codes(self, operation: dict[str, Any]) -> list[str]:
        parameters = operation.get("parameters", [])
        codes = []
        if "requestBody" in operation or any(
            p["in"] == "query" and p["name"] not in _LENIENT_QUERY for p in parameters
        ):
            codes.append("400")
        if self.view.get_authenticators():
            # an invalid token is refused even where anonymous calls are allowed
            codes.append("401")
            restricted = any(type(p) not in (AllowAny, IsAuthenticated) for p in self.view.get_permissions())
            if restricted or self.method not in ("GET", "HEAD", "OPTIONS"):
                codes.append("403")
        if any(p["in"] == "path" for p in parameters) or (self._is_list_view() and self._get_paginator()):
            codes.append("404")
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _component(self, name: str) -> dict[str, str]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=_SCHEMAS[name]
        )
        self.registry.register_on_missing(component)
        return component.ref
