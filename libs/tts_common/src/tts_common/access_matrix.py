"""Who may call what: one table per service, every cell asserted, every endpoint covered.

A service's suite states, for each (method, path) of its API, the status each kind of
caller gets (:data:`CALLERS`)::

    MATRIX = AccessMatrix({
        # anonymous, requester, agent, other agent, admin, service
        ("GET", "/api/v1/tickets/"): Expect(401, 200, 200, 200, 200, 200),
        ("GET", "/api/v1/tickets/{ticket}/"): Expect(401, 200, 200, 404, 200, 200),
        ("POST", "/api/v1/tickets/{ticket}/attachments/"): Expect(
            401, 201, 201, 404, 201, 201, body=lambda ids: {"file": upload(...)}, format="multipart"
        ),
    })

    @pytest.fixture
    def world() -> World:  # one object of each kind, so that object URLs point at real rows
        ticket = TicketFactory(requester_id=REQUESTER_ID, department="IT")
        return World(ids={"ticket": ticket.id})

    @pytest.mark.parametrize("endpoint", MATRIX.endpoints(), ids=str)
    def test_who_may_call_what(check_access, world, endpoint):
        check_access(MATRIX, endpoint, world)

    def test_every_endpoint_has_a_row(world):
        MATRIX.assert_complete(world)

The callers: ``anonymous`` (no token); ``requester``, a person without any tts role who
owns the seeded objects; ``agent``, a tts role holder involved with them (assigned, in
their department, holding the step); ``other_agent``, a holder of the same role who is
not involved (another department, not assigned); ``admin`` (tts:Admin); ``service``, a
service token. Their token claims are :data:`CALLER_CLAIMS`; a world may override them
(``World(claims={"requester": {"user_id": "17"}})``), and a matrix may add callers of its
own (``callers=(*CALLERS, "other_admin")``, claims given by the world).

Each cell sends the request once (a row's ``body``, else ``{}``: an authorised caller
sending an empty body may well get 400 — what the cell proves is who gets past
authentication and authorisation), inside a savepoint rolled back afterwards, so every
caller meets the same seeded data. A refused request (any 4xx) must leave every table of
the service as it found it, and a 401 must carry the Bearer challenge. :meth:`AccessMatrix.assert_complete` enumerates the service's
URL patterns under ``/api/v1/`` (Django's resolver) with the methods each view answers, and
fails on any (method, endpoint) without a row, or a row no endpoint answers: a new endpoint
cannot ship without its row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CALLERS: tuple[str, ...] = ("anonymous", "requester", "agent", "other_agent", "admin", "service")

REQUESTER_ID = "101"
AGENT_ID = "303"
OTHER_AGENT_ID = "404"
ADMIN_ID = "1"
AGENT_ROLE = "tts:IT Support"
DEPARTMENT = "IT"
OTHER_DEPARTMENT = "Facilities"

CALLER_CLAIMS: dict[str, dict[str, Any]] = {
    "requester": {
        "user_id": REQUESTER_ID,
        "email": "rita@example.com",
        "name": "Rita Requester",
        "roles": [],
    },
    "agent": {
        "user_id": AGENT_ID,
        "email": "alex@example.com",
        "name": "Alex Agent",
        "roles": [AGENT_ROLE],
        "department": DEPARTMENT,
    },
    "other_agent": {
        "user_id": OTHER_AGENT_ID,
        "email": "olga@example.com",
        "name": "Olga Other",
        "roles": [AGENT_ROLE],
        "department": OTHER_DEPARTMENT,
    },
    "admin": {"user_id": ADMIN_ID, "email": "ada@example.com", "name": "Ada Admin", "roles": ["tts:Admin"]},
    "service": {
        "user_id": "service:workflow",
        "email": "",
        "name": "workflow",
        "roles": ["service:workflow"],
    },
}

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


class Expect:
    """A row: the status of each caller (in the matrix's caller order, or by name), and what
    to send (``format`` as the test client takes it: ``"json"`` or ``"multipart"``).
    ``body`` is data whose strings are formatted with the world's ids (``"{ticket}"`` alone
    becomes the id itself, an int staying an int; a literal brace is doubled), or a
    callable ``body(ids)``, called afresh for every caller (an uploaded file is read once)."""

    def __init__(
        self,
        *statuses: int,
        body: Any = None,
        format: str = "json",
        **by_caller: int,
    ) -> None:
        if statuses and by_caller:
            raise TypeError("Give the statuses in caller order or by caller name, not both.")
        self.statuses: tuple[int, ...] | dict[str, int] = statuses or by_caller
        self.body = body
        self.format = format


@dataclass
class World:
    """What a service's fixture seeded: ``ids`` fill the paths' and bodies' ``{name}``
    placeholders; ``claims`` override (or, for a matrix's own callers, give) token claims."""

    ids: dict[str, Any] = field(default_factory=dict)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    expected: dict[str, int]
    body: Any
    format: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def url(self, ids: Mapping[str, Any]) -> str:
        return self.path.format(**ids)

    def data(self, ids: Mapping[str, Any]) -> Any:
        if callable(self.body):
            return self.body(ids)
        return _fill(self.body, ids) if self.body is not None else ({} if self.method != "GET" else None)


def _fill(value: Any, ids: Mapping[str, Any]) -> Any:
    """``"{ticket}"`` becomes the ticket's id as it is (an int stays an int); other strings
    are formatted; lists and dicts are filled item by item."""
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
            return ids[value[1:-1]]
        return value.format(**ids)
    return value


class AccessMatrix:
    """A service's table ``{(method, path template): Expect(...)}`` over ``callers``.

    ``unchecked`` names models (``"app_label.Model"``) a refused request may still write,
    such as an audit of failed sign-ins; every other table must be left as it was."""

    def __init__(
        self,
        rows: Mapping[tuple[str, str], Expect | Sequence[int] | Mapping[str, int]],
        *,
        callers: Sequence[str] = CALLERS,
        prefix: str = "/api/v1/",
        unchecked: Sequence[str] = (),
    ) -> None:
        self.callers = tuple(callers)
        self.prefix = prefix
        self.unchecked = {label.lower() for label in unchecked}
        self._endpoints = [self._endpoint(key, row) for key, row in rows.items()]

    def _endpoint(self, key: tuple[str, str], row: Expect | Sequence[int] | Mapping[str, int]) -> Endpoint:
        method, path = key[0].upper(), key[1]
        if method not in _METHODS:
            raise ValueError(f"{method} {path}: the method must be one of {', '.join(_METHODS)}.")
        if not isinstance(row, Expect):
            row = Expect(**row) if isinstance(row, Mapping) else Expect(*row)
        statuses = row.statuses
        if isinstance(statuses, tuple):
            if len(statuses) != len(self.callers):
                raise ValueError(
                    f"{method} {path}: {len(statuses)} statuses for {len(self.callers)} callers "
                    f"({', '.join(self.callers)})."
                )
            expected = dict(zip(self.callers, statuses, strict=True))
        else:
            expected = dict(statuses)
            if set(expected) != set(self.callers):
                raise ValueError(
                    f"{method} {path}: statuses for {sorted(expected)}, expected {sorted(self.callers)}."
                )
        return Endpoint(method=method, path=path, expected=expected, body=row.body, format=row.format)

    def endpoints(self) -> list[Endpoint]:
        """The rows, to parametrize one test per (method, path) with: ``ids=str``."""
        return list(self._endpoints)

    @property
    def cells(self) -> int:
        return len(self._endpoints) * len(self.callers)

    # ------------------------------------------------------------------ running a row

    def check(
        self, endpoint: Endpoint, world: World, *, token_for: Callable[[str, World], str | None]
    ) -> None:
        """Call ``endpoint`` as every caller (``token_for(caller, world)``: an access token, or
        None for none); fail listing every cell that differs."""
        from rest_framework.test import APIClient

        client = APIClient()  # one per row: building the middleware chain is the slow part
        wrong = []
        for caller in self.callers:
            expected = endpoint.expected[caller]
            token = token_for(caller, world)
            client.cookies.clear()  # nothing carries over from the previous caller
            client.credentials(**({"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}))
            got, detail, changed, challenged = self._call(endpoint, world, client, refused=expected >= 400)
            if got != expected:
                wrong.append(f"  {caller}: expected {expected}, got {got}{detail}")
            elif got == 401 and not challenged:
                wrong.append(
                    f"  {caller}: 401 as expected, but without the Bearer challenge (WWW-Authenticate)"
                )
            elif changed:
                wrong.append(f"  {caller}: {got} as expected, but the refused request changed the database")
        if wrong:
            raise AssertionError(f"{endpoint}:\n" + "\n".join(wrong))

    def _call(
        self, endpoint: Endpoint, world: World, client, *, refused: bool
    ) -> tuple[int | str, str, bool, bool]:
        """(status, what an error answer said, whether a refusal wrote anything, whether the
        answer names how to authenticate)."""
        from django.db import transaction

        url = endpoint.url(world.ids)
        with transaction.atomic():
            before = self._state() if refused else None
            try:
                send = getattr(client, endpoint.method.lower())
                if endpoint.method == "GET":
                    response = send(url, endpoint.data(world.ids))
                else:
                    response = send(url, endpoint.data(world.ids), format=endpoint.format)
            except Exception as exc:  # a view that raised: reported with its row, not alone
                transaction.set_rollback(True)
                return "an exception", f" ({type(exc).__name__}: {exc})", False, False
            changed = refused and response.status_code >= 400 and self._state() != before
            transaction.set_rollback(True)
        detail = f" ({_excerpt(response)})" if response.status_code >= 400 else ""
        return (
            response.status_code,
            detail,
            changed,
            response.get("WWW-Authenticate", "").startswith("Bearer "),
        )

    def _tables(self) -> list[str]:
        from django.apps import apps
        from django.conf import settings

        base = str(getattr(settings, "BASE_DIR", ""))
        tables = []
        for config in apps.get_app_configs():
            if not base or not str(config.path).startswith(base) or "site-packages" in str(config.path):
                continue
            for model in config.get_models(include_auto_created=True):
                meta = model._meta
                if meta.managed and not meta.proxy and meta.label_lower not in self.unchecked:
                    tables.append(meta.db_table)
        return sorted(set(tables))

    def _state(self) -> tuple:
        """A fingerprint of every row of the service's own tables."""
        from django.db import connection

        tables = self._tables()
        if not tables:
            return ()
        quote = connection.ops.quote_name
        if connection.vendor == "postgresql":  # one round trip, however many tables
            columns = ", ".join(
                f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(table)} t)"
                for table in tables
            )
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns}")  # table names come from the models, not from input
                return tuple(cursor.fetchone())
        state = []
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"SELECT * FROM {quote(table)}")
                state.append(sorted(map(repr, cursor.fetchall())))
        return tuple(map(tuple, state))

    # ------------------------------------------------------------------ completeness

    def missing(self, world: World | None = None, *, urlconf: str | None = None) -> list[str]:
        """What the table lacks (an endpoint's method without a row) and what it has too
        many of (a row no endpoint answers), as readable lines; empty when complete."""
        from django.urls import Resolver404, resolve

        answered = served_endpoints(prefix=self.prefix, urlconf=urlconf)
        ids = world.ids if world is not None else {}
        covered: set[tuple[str, str]] = set()
        problems = []
        for endpoint in self._endpoints:
            path = endpoint.url(ids).split("?", 1)[0]
            try:
                route = resolve(path, urlconf=urlconf).route
            except Resolver404:
                problems.append(f"{endpoint}: no endpoint answers {path}")
                continue
            if endpoint.method not in answered.get(route, set()):
                problems.append(f"{endpoint}: the endpoint {route} does not answer {endpoint.method}")
            covered.add((endpoint.method, route))
        for route, methods in sorted(answered.items()):
            for method in sorted(methods):
                if (method, route) not in covered:
                    problems.append(f"{method} {route}: no row in the access matrix")
        return problems

    def assert_complete(self, world: World | None = None, *, urlconf: str | None = None) -> None:
        problems = self.missing(world, urlconf=urlconf)
        assert not problems, "The access matrix and the URL patterns disagree:\n" + "\n".join(problems)


def served_endpoints(*, prefix: str = "/api/v1/", urlconf: str | None = None) -> dict[str, set[str]]:
    """``{route: {methods}}`` for every URL pattern under ``prefix``; routes are written as
    Django's resolver reports them (``ResolverMatch.route``)."""
    from django.urls import get_resolver

    found: dict[str, set[str]] = {}
    for route, pattern in _walk(get_resolver(urlconf).url_patterns, ""):
        if ("/" + route.lstrip("^")).startswith(prefix):
            found.setdefault(route, set()).update(_methods(pattern.callback))
    return found


def _join(route: str, part: str) -> str:
    # as django.urls.resolvers.URLResolver._join_route
    return part if not route else route + part.removeprefix("^")


def _walk(patterns, route: str) -> Iterator[tuple[str, Any]]:
    from django.urls import URLResolver

    for pattern in patterns:
        here = _join(route, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, here)
        else:
            yield here, pattern


def _methods(callback) -> set[str]:
    """The methods a view answers: a ViewSet's mapped actions, an APIView's or Django View's
    handlers (OPTIONS and HEAD, which follow GET, aside)."""
    actions = getattr(callback, "actions", None)
    if actions:
        return {method.upper() for method in actions if method.upper() in _METHODS}
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:  # a function view: no way to know; count it as GET
        return {"GET"}
    return {
        method.upper()
        for method in view_class.http_method_names
        if method.upper() in _METHODS and hasattr(view_class, method)
    }


def _excerpt(response) -> str:
    if getattr(response, "streaming", False):
        return "a streamed body"
    text = response.content[:160].decode("utf-8", "replace")
    return text + ("…" if len(response.content) > 160 else "")


def token_for(make_token: Callable[..., str]) -> Callable[[str, World], str | None]:
    """The caller's access token: none for ``anonymous``, else one of :data:`CALLER_CLAIMS`
    with the world's overrides, minted by the plugin's ``make_token``."""

    def _token(caller: str, world: World) -> str | None:
        if caller == "anonymous":
            return None
        claims = {**CALLER_CLAIMS.get(caller, {}), **world.claims.get(caller, {})}
        if not claims:
            raise KeyError(f"No token claims for the caller {caller!r}: give them in World(claims=...).")
        return make_token(**claims)

    return _token
