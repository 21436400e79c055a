"""Fuzz a service against its own OpenAPI schema (schemathesis), in process.

Each service's suite has one ``test_fuzz.py``, parametrised by role and operation::

    @pytest.mark.parametrize("operation", fuzzing.operations("tickets"))
    @pytest.mark.parametrize("role", fuzzing.ROLES)
    def test_fuzz(fuzz, role, operation):
        fuzz(role, operation, known={"id": [...]})

Every generated request (schema-valid and schema-violating ones) carries a real signed
access token of the role (none for ``anonymous``) and must get an answer that is not a 5xx
and that the schema documents: status code, content type, headers and body. Requests run
through Django's WSGI handler inside the test's transaction, one savepoint per example,
so every example starts from the same seeded data.

``FUZZ_EXAMPLES`` bounds the generated examples per operation and role (small in ``make
test``, large in ``make fuzz``); ``FUZZ_COVERAGE=1`` (``make fuzz``) adds schemathesis'
coverage cases: boundary values, missing and wrongly typed parameters, unexpected methods
and content types. Generation is derandomised, so every run sends the same requests.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tts_common.access_matrix import ADMIN_ID, AGENT_ID, CALLER_CLAIMS, REQUESTER_ID

__all__ = ["ADMIN_ID", "AGENT_ID", "REQUESTER_ID", "ROLES", "assert_conforms", "operations", "run", "schema"]

DEFAULT_EXAMPLES = 8

# Who calls: the access matrix's callers (the same ids own the seeded objects there), less
# its "other agent"; ``None``: no token at all. Suites seed data owned by these ids, so that
# some generated calls reach objects the caller may see.
ROLES: dict[str, dict[str, Any] | None] = {
    "anonymous": None,
    **{role: CALLER_CLAIMS[role] for role in ("requester", "agent", "admin", "service")},
}


def examples() -> int:
    return int(os.environ.get("FUZZ_EXAMPLES", DEFAULT_EXAMPLES))


def _checks(*, server_errors: bool = True) -> list[Callable]:
    """What each answer must satisfy: documented status code, content type, headers and body;
    and, unless ``server_errors`` is off, no 5xx at all."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    conformance = [
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
    ]
    return [not_a_server_error, *conformance] if server_errors else conformance


def _app():
    from django.core.handlers.wsgi import WSGIHandler

    return WSGIHandler()


@functools.cache
def schema(short: str):
    """The service's OpenAPI schema, as its own ``/api/schema/<short>/`` serves it."""
    import schemathesis

    with _KeepTestConnection():  # loaded during a test too (assert_conforms)
        return schemathesis.openapi.from_wsgi(f"/api/schema/{short}/?format=json", _app())


def operations(short: str) -> list[str]:
    """Labels (``"GET /api/v1/tickets/{id}/"``) of every operation in the service's schema."""
    return [result.ok().label for result in schema(short).get_all_operations()]


def assert_conforms(short: str, label: str, response) -> None:
    """Check one test-client response against the schema as the fuzzer does: status code,
    content type, headers and body as documented (a documented 503 passes here). For
    regression tests that pin what the fuzzer once found, without running it."""
    import requests
    from schemathesis import Response

    operation = schema(short).find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the {short} schema"
    environ = response.request
    path = environ["PATH_INFO"]
    template = re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(operation.path))
    matched = re.fullmatch(f".*?{template}", path)
    url = f"http://localhost{path}"
    if environ.get("QUERY_STRING"):
        url += f"?{environ['QUERY_STRING']}"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    operation.Case(path_parameters=matched.groupdict() if matched else {}).validate_response(
        Response(
            status_code=response.status_code,
            headers={name.lower(): [value] for name, value in response.headers.items()},
            content=content,
            request=requests.Request(environ["REQUEST_METHOD"], url).prepare(),
            elapsed=0.0,
            verify=False,
        ),
        checks=_checks(server_errors=False),
    )


class _KeepTestConnection:
    """Django closes the database connection when a request finishes; inside a test's
    transaction that would end the test. Its test client switches this off the same way."""

    def __enter__(self):
        from django.core import signals
        from django.db import close_old_connections

        self._was_connected = [
            signal.disconnect(close_old_connections)
            for signal in (signals.request_started, signals.request_finished)
        ]

    def __exit__(self, *exc):
        from django.core import signals
        from django.db import close_old_connections

        for signal, was_connected in zip(
            (signals.request_started, signals.request_finished), self._was_connected, strict=True
        ):
            if was_connected:
                signal.connect(close_old_connections)


def _strategy(operation, known: Mapping[str, Iterable[Any]]):
    """Schema-valid and schema-violating cases, plus valid ones aimed at known objects."""
    from hypothesis import strategies as st
    from schemathesis import GenerationMode

    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    names = [p.name for p in operation.path_parameters]
    choices = {name: list(known[name]) for name in names if known.get(name)}
    if choices:
        for combo in itertools.product(*choices.values()):
            fixed = dict(zip(choices, combo, strict=True))
            strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed))
    return st.one_of(strategies)


def run(
    short: str,
    role: str,
    label: str,
    *,
    make_token: Callable[..., str],
    known: Mapping[str, Iterable[Any]] | None = None,
    claims: Mapping[str, Any] | None = None,
    max_examples: int | None = None,
) -> None:
    """Fuzz one operation as one role; raise on the first 5xx or schema violation.

    ``known`` maps path parameter names to values of seeded objects; ``claims`` overrides
    the role's token claims (e.g. the ``user_id`` of a seeded user)."""
    from django.db import transaction
    from hypothesis import HealthCheck, given, settings

    operation = schema(short).find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the {short} schema"
    claims = None if ROLES[role] is None else {**ROLES[role], **(claims or {})}
    checks = _checks()

    @settings(
        max_examples=max_examples or examples(),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(case=_strategy(operation, known or {}))
    def fuzz(case):
        headers = {"Authorization": f"Bearer {make_token(**claims)}"} if claims is not None else {}
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        case.validate_response(response, checks=checks, headers=headers)

    if os.environ.get("FUZZ_COVERAGE"):  # `make fuzz`: schemathesis' boundary and type cases too
        from schemathesis import GenerationMode
        from schemathesis.generation.feedback import FeedbackSources
        from schemathesis.generation.hypothesis.builder import add_coverage
        from schemathesis.generation.overrides import Override

        fuzz = add_coverage(
            fuzz,
            operation,
            [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
            None,
            Override(),
            feedback=FeedbackSources(),
            generation_config=operation.schema.config.generation_for(operation=operation, phase="coverage"),
        )
    with _KeepTestConnection():
        fuzz()
