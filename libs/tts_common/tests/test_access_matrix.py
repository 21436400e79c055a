"""The access matrix (tts_common.access_matrix) against a small API of its own: every cell
is asserted, a wrong cell and a refused request that writes are reported, and the table
must cover exactly the (method, endpoint) pairs the URL patterns serve."""

import pytest
from django.urls import include, path
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from tests.kernel_testapp.models import OutboxMessage
from tests.kernel_testapp.views import AdminOnly, WhoAmI
from tts_common.access_matrix import CALLER_CLAIMS, CALLERS, REQUESTER_ID, AccessMatrix, Expect, World
from tts_common.urls import service_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class Things(APIView):
    """A thing is seen by its owner and admins (anyone else: 404); admins delete it."""

    def _thing(self, request, pk: int) -> OutboxMessage:
        thing = OutboxMessage.objects.filter(pk=pk).first()
        if thing is None or not (request.user.is_admin() or thing.payload["owner"] == request.user.id):
            raise NotFound()
        return thing

    def get(self, request, pk):
        return Response({"id": str(self._thing(request, pk).pk)})

    def delete(self, request, pk):
        thing = self._thing(request, pk)
        if not request.user.is_admin():
            raise PermissionDenied()
        thing.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class Leaky(APIView):
    """Refuses everyone, but with ``?leak=1`` writes a row first (the bug the matrix catches)."""

    def post(self, request):
        if request.query_params.get("leak"):
            OutboxMessage.objects.create(task_name="leak", queue="leak", payload={})
        raise PermissionDenied()


class Notes(viewsets.ViewSet):
    def list(self, request):
        return Response([])

    def create(self, request):
        return Response({"detail": "noted"}, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("notes", Notes, basename="note")
urlpatterns = service_urlpatterns(
    "kernel",
    [
        path("api/v1/whoami/", WhoAmI.as_view()),
        path("api/v1/admin-only/", AdminOnly.as_view()),
        path("api/v1/things/<uuid:pk>/", Things.as_view()),
        path("api/v1/leaky/", Leaky.as_view()),
        path("api/v1/", include(router.urls)),
    ],
)

MATRIX = AccessMatrix(
    {
        # anonymous, requester, agent, other agent, admin, service
        ("GET", "/api/v1/whoami/"): Expect(401, 200, 200, 200, 200, 200),
        ("POST", "/api/v1/whoami/"): Expect(401, 201, 201, 201, 201, 201),
        ("GET", "/api/v1/admin-only/"): Expect(401, 403, 403, 403, 200, 403),
        ("GET", "/api/v1/things/{thing}/"): Expect(401, 200, 404, 404, 200, 404),
        ("DELETE", "/api/v1/things/{thing}/"): Expect(401, 403, 404, 404, 204, 404),
        ("POST", "/api/v1/leaky/"): Expect(401, 403, 403, 403, 403, 403),
        ("GET", "/api/v1/notes/"): {caller: 401 if caller == "anonymous" else 200 for caller in CALLERS},
        ("POST", "/api/v1/notes/"): Expect(401, 201, 201, 201, 201, 201, body={"thing": "{thing}"}),
    }
)


@pytest.fixture
def world() -> World:
    thing = OutboxMessage.objects.create(task_name="t", queue="q", payload={"owner": REQUESTER_ID})
    return World(ids={"thing": thing.pk})


@pytest.mark.parametrize("endpoint", MATRIX.endpoints(), ids=str)
def test_every_cell_holds(check_access, world, endpoint):
    check_access(MATRIX, endpoint, world)


def test_the_table_covers_every_endpoint(world):
    MATRIX.assert_complete(world)
    assert MATRIX.cells == 8 * 6


def test_each_caller_meets_the_same_seeded_data(check_access, world):
    # given a row where the admin deletes the thing before the service looks at it
    matrix = AccessMatrix({("DELETE", "/api/v1/things/{thing}/"): Expect(401, 403, 404, 404, 204, 404)})

    # when
    check_access(matrix, matrix.endpoints()[0], world)

    # then every call ran in a savepoint of its own, rolled back
    assert OutboxMessage.objects.filter(pk=world.ids["thing"]).exists()


def test_a_wrong_cell_fails_naming_the_caller_and_both_statuses(check_access, world):
    matrix = AccessMatrix({("GET", "/api/v1/things/{thing}/"): Expect(401, 200, 200, 404, 200, 404)})

    with pytest.raises(AssertionError) as failure:
        check_access(matrix, matrix.endpoints()[0], world)

    message = str(failure.value)
    assert "GET /api/v1/things/{thing}/" in message
    assert "agent: expected 200, got 404" in message
    assert "other_agent" not in message


def test_a_refused_request_that_writes_fails(check_access, world):
    matrix = AccessMatrix({("POST", "/api/v1/leaky/?leak=1"): Expect(401, 403, 403, 403, 403, 403)})

    with pytest.raises(AssertionError) as failure:
        check_access(matrix, matrix.endpoints()[0], world)

    assert "requester: 403 as expected, but" in str(failure.value)
    assert "the refused request changed the database" in str(failure.value)
    assert "anonymous" not in str(failure.value)  # refused before the view ran


def test_a_model_named_unchecked_may_change(check_access, world):
    matrix = AccessMatrix(
        {("POST", "/api/v1/leaky/?leak=1"): Expect(401, 403, 403, 403, 403, 403)},
        unchecked=["kernel_testapp.OutboxMessage"],
    )

    check_access(matrix, matrix.endpoints()[0], world)


def test_an_endpoint_without_a_row_fails_the_completeness_check(world):
    rows = {key: row for key, row in _rows().items() if key != ("DELETE", "/api/v1/things/{thing}/")}

    problems = AccessMatrix(rows).missing(world)

    assert problems == ["DELETE api/v1/things/<uuid:pk>/: no row in the access matrix"]


def test_a_row_no_endpoint_answers_fails_the_completeness_check(world):
    rows = {
        **_rows(),
        ("PUT", "/api/v1/whoami/"): Expect(401, 200, 200, 200, 200, 200),
        ("GET", "/api/v1/nowhere/"): Expect(401, 200, 200, 200, 200, 200),
    }

    problems = AccessMatrix(rows).missing(world)

    assert problems == [
        "PUT /api/v1/whoami/: the endpoint api/v1/whoami/ does not answer PUT",
        "GET /api/v1/nowhere/: no endpoint answers /api/v1/nowhere/",
    ]


def test_a_row_must_name_every_caller():
    with pytest.raises(ValueError, match="5 statuses for 6 callers"):
        AccessMatrix({("GET", "/api/v1/whoami/"): Expect(401, 200, 200, 200, 200)})
    with pytest.raises(ValueError, match="statuses for"):
        AccessMatrix({("GET", "/api/v1/whoami/"): Expect(anonymous=401, admin=200)})


def test_a_matrix_may_add_callers_of_its_own(check_access, world):
    # given a caller the kernel does not know, with claims from the world
    matrix = AccessMatrix(
        {("GET", "/api/v1/admin-only/"): Expect(401, 403, 403, 403, 200, 403, 403)},
        callers=(*CALLERS, "other_admin"),
    )
    world.claims["other_admin"] = {**CALLER_CLAIMS["admin"], "user_id": "9", "roles": ["hdts:Admin"]}

    check_access(matrix, matrix.endpoints()[0], world)


def _rows():
    return {(e.method, e.path): Expect(**e.expected, body=e.body) for e in MATRIX.endpoints()}
