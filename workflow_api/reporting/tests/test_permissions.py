"""Reports are for admins and ticket coordinators."""

import pytest

pytestmark = pytest.mark.django_db

REPORTS = [f"/api/v1/reports/{name}/" for name in ("summary", "sla", "agents", "steps", "volume")]


@pytest.mark.parametrize("path", REPORTS)
@pytest.mark.parametrize("params", [{}, {"format": "csv"}, {"format": "xml"}, {"since": "bad"}])
def test_anonymous_callers_are_401(path, params, api_client):
    assert api_client.get(path, params).status_code == 401


@pytest.mark.parametrize("path", REPORTS)
@pytest.mark.parametrize("roles", [["tts:IT Support"], [], ["other:Admin"], ["service:ticket_service"]])
def test_agents_requesters_and_others_are_403(path, roles, client_as):
    assert client_as(user_id="200", roles=roles).get(path).status_code == 403


@pytest.mark.parametrize("path", REPORTS)
@pytest.mark.parametrize(
    "roles", [["tts:Ticket Coordinator"], ["tts:Admin"], ["tts:IT Support", "tts:Admin"]]
)
def test_coordinators_and_admins_read_them(path, roles, client_as):
    assert client_as(user_id="100", roles=roles).get(path).status_code == 200


@pytest.mark.parametrize("path", REPORTS)
@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_csv_is_refused_the_same_way(path, fmt, client_as):
    response = client_as(user_id="200", roles=["tts:IT Support"]).get(path, {"format": fmt})

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
