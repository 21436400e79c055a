"""PUT /api/v1/tasks/availability/: away users get no new work; going away with a delegate
hands the delegate one's open steps, if the delegate holds their role."""

import pytest

from engine.models import Task, TaskItem, UserAvailability
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db

AVAILABILITY = "/api/v1/tasks/availability/"


@pytest.fixture
def mine(workflow, team, ingest) -> TaskItem:
    """An open Diagnose step of agent 200."""
    item = Task.objects.get(ticket=ingest()).items.get()
    assert item.assignee_id == 200
    return item


def test_everyone_is_available_until_they_say_otherwise(team, client_for):
    response = client_for(team.agents[0]).get(AVAILABILITY)

    assert response.status_code == 200
    assert response.json()["is_available"] is True
    assert response.json()["updated_at"] is None  # never set: documented as nullable
    assert_conforms("workflow", "GET /api/v1/tasks/availability/", response)


def test_a_service_token_has_no_availability(client_as):
    response = client_as(user_id="service:ticket", roles=["service:ticket"]).get(AVAILABILITY)

    assert response.status_code == 403
    assert_conforms("workflow", "GET /api/v1/tasks/availability/", response)


def test_going_away_is_remembered(team, client_for):
    client = client_for(team.agents[0])

    put = client.put(AVAILABILITY, {"is_available": False, "note": "On leave"}, format="json")

    assert put.status_code == 200
    assert client.get(AVAILABILITY).json()["is_available"] is False
    assert UserAvailability.objects.get(user_id=200).note == "On leave"


def test_going_away_with_a_delegate_hands_them_the_open_steps(mine, team, client_for):
    # when
    response = client_for(team.agents[0]).put(
        AVAILABILITY, {"is_available": False, "delegate_id": 201}, format="json"
    )

    # then
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.status == TaskItem.Status.TRANSFERRED
    new = mine.task.items.exclude(pk=mine.pk).get()
    assert (new.status, new.assignee_id, new.reason) == ("assigned", 201, "delegate")
    assert new.step_id == mine.step_id


def test_a_step_already_in_progress_is_delegated_too(mine, team, client_for):
    TaskItem.objects.filter(pk=mine.pk).update(status=TaskItem.Status.IN_PROGRESS)

    client_for(team.agents[0]).put(AVAILABILITY, {"is_available": False, "delegate_id": 202}, format="json")

    assert mine.task.items.get(status="assigned").assignee_id == 202


def test_a_delegate_without_the_role_gets_nothing(mine, team, client_for):
    # when 200 names a supervisor, who does not hold IT Support
    client_for(team.agents[0]).put(AVAILABILITY, {"is_available": False, "delegate_id": 300}, format="json")

    # then the step stays with 200
    mine.refresh_from_db()
    assert (mine.status, mine.assignee_id) == ("assigned", 200)
    assert mine.task.items.count() == 1


def test_an_away_delegate_gets_nothing(mine, team, client_for):
    UserAvailability.objects.create(user_id=201, is_available=False)

    client_for(team.agents[0]).put(AVAILABILITY, {"is_available": False, "delegate_id": 201}, format="json")

    mine.refresh_from_db()
    assert mine.status == "assigned"


def test_delegating_to_oneself_is_400(mine, team, client_for):
    response = client_for(team.agents[0]).put(
        AVAILABILITY, {"is_available": False, "delegate_id": 200}, format="json"
    )

    assert response.status_code == 400
    assert "delegate_id" in response.json()
    assert not UserAvailability.objects.exists()


@pytest.mark.parametrize(
    "body", [{}, {"is_available": "maybe"}, {"is_available": None}, {"delegate_id": 201}]
)
def test_an_incomplete_or_wrong_body_is_400(team, client_for, body):
    response = client_for(team.agents[0]).put(AVAILABILITY, body, format="json")

    assert response.status_code == 400
    assert "is_available" in response.json()


def test_a_service_has_no_availability(client_as):
    service = client_as(user_id="ticket_service", roles=["service:tickets"])

    assert service.get(AVAILABILITY).status_code == 403
    assert service.put(AVAILABILITY, {"is_available": False}, format="json").status_code == 403
