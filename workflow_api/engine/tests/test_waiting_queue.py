"""With nobody eligible a step waits in its role's queue and admins are told; it is handed
out as soon as someone can take it: a holder comes back, or a new grant arrives."""

import uuid

import pytest
from roles.models import RoleUser
from roles.tasks import sync_user_system_role

from engine.models import Task, TaskItem, UserAvailability
from engine.tests.builders import NOTIFY, STATUS, outbox
from tts_common.messages import NotificationSchema, parse

pytestmark = pytest.mark.django_db

AVAILABILITY = "/api/v1/tasks/availability/"


@pytest.fixture
def all_agents_away(team):
    for agent in team.agents:
        UserAvailability.objects.create(user_id=agent.user_id, is_available=False)


@pytest.fixture
def waiting(workflow, team, all_agents_away, ingest) -> TaskItem:
    return Task.objects.get(ticket=ingest()).items.get()


def grant(*, user_id: int, role_id: int, version: int = 1, active: bool = True) -> dict:
    return {
        "schema_version": 1,
        "event_id": str(uuid.uuid4()),
        "action": "upsert",
        "user": {
            "id": user_id,
            "email": f"user{user_id}@example.com",
            "name": "New Hire",
            "is_active": active,
        },
        "role_id": role_id,
        "version": version,
    }


def test_with_nobody_available_the_step_waits(waiting):
    assert (waiting.status, waiting.assignee_id, waiting.reason, waiting.rotation_slot) == (
        "waiting",
        None,
        "",
        None,
    )
    assert list(waiting.history.values_list("event", flat=True)) == ["waiting"]


def test_admins_are_told_a_step_waits(waiting, team):
    [payload] = outbox(NOTIFY)
    message = parse(NotificationSchema, payload)
    assert (message["type"], message["recipient"]["user_id"]) == ("unassigned", "1")
    assert "IT Support" in message["title"]


def test_ticket_service_hears_open_without_assignee(waiting):
    [payload] = outbox(STATUS)
    assert (payload["status"], payload["assignee"]) == ("open", None)


def test_admins_see_the_waiting_step(waiting, admin_client):
    [listed] = admin_client.get("/api/v1/tasks/unassigned/").json()["waiting"]

    assert (listed["id"], listed["task_id"], listed["status"]) == (waiting.pk, waiting.task_id, "waiting")
    assert listed["ticket_number"] == waiting.task.ticket.ticket_number


def test_a_holder_coming_back_takes_the_waiting_step(waiting, team, client_for):
    # when 201 says they are back
    response = client_for(team.agents[1]).put(AVAILABILITY, {"is_available": True}, format="json")

    # then
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert (waiting.status, waiting.assignee_id, waiting.reason) == ("assigned", 201, "round_robin")
    assert waiting.rotation_slot == 1
    assert list(waiting.history.values_list("event", flat=True)) == ["waiting", "assigned"]
    assert [p["type"] for p in outbox(NOTIFY)] == ["unassigned", "assignment"]
    assert outbox(STATUS)[-1]["assignee"] == {"id": "201", "name": waiting.assignee_name}


def test_waiting_steps_are_handed_out_oldest_first(workflow, team, all_agents_away, ingest, client_for):
    # given two waiting steps
    older, newer = (Task.objects.get(ticket=ingest()).items.get() for _ in range(2))

    # when one holder comes back (the rotation gives both to them, the only one eligible)
    client_for(team.agents[2]).put(AVAILABILITY, {"is_available": True}, format="json")

    # then
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.rotation_slot, newer.rotation_slot) == (1, 2)
    assert {older.assignee_id, newer.assignee_id} == {202}


def test_someone_coming_back_does_not_take_steps_of_roles_they_do_not_hold(waiting, team, client_for):
    client_for(team.supervisors[0]).put(AVAILABILITY, {"is_available": True}, format="json")

    waiting.refresh_from_db()
    assert waiting.status == "waiting"


def test_a_new_grant_takes_the_waiting_step(waiting, team):
    # when auth_service grants IT Support to a new user
    sync_user_system_role.apply(args=[grant(user_id=250, role_id=team.support_role.id)], throw=True)

    # then
    waiting.refresh_from_db()
    assert (waiting.status, waiting.assignee_id, waiting.assignee_email) == (
        "assigned",
        250,
        "user250@example.com",
    )


def test_a_grant_to_an_inactive_account_leaves_the_step_waiting(waiting, team):
    sync_user_system_role.apply(
        args=[grant(user_id=250, role_id=team.support_role.id, active=False)], throw=True
    )

    waiting.refresh_from_db()
    assert waiting.status == "waiting"


def test_a_reactivated_grant_takes_the_waiting_step(workflow, team, ingest):
    # given every IT Support grant revoked, so the step waits
    RoleUser.objects.filter(role=team.support_role).update(is_active=False, version=2)
    item = Task.objects.get(ticket=ingest()).items.get()
    assert item.status == "waiting"

    # when auth_service grants the role to 201 again
    sync_user_system_role.apply(
        args=[grant(user_id=201, role_id=team.support_role.id, version=3)], throw=True
    )

    # then
    item.refresh_from_db()
    assert (item.status, item.assignee_id) == ("assigned", 201)
