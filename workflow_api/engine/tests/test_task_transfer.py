"""POST /api/v1/tasks/{id}/transfer/ {"user_id", "reason"}: the holder hands the current step
to another available holder of its role."""

import pytest
from audit.models import AuditLog

from engine.models import TaskItem, UserAvailability
from engine.tests.builders import NOTIFY, STATUS, action_id, outbox
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db


def transfer(client, task, user_id, reason="I am off sick"):
    return client.post(
        f"/api/v1/tasks/{task.pk}/transfer/", {"user_id": user_id, "reason": reason}, format="json"
    )


def test_the_holder_transfers_the_step_to_a_colleague(task, holder, team):
    # given
    item, client = holder(task)

    # when
    response = transfer(client, task, 201)

    # then
    assert response.status_code == 200, response.content
    new = TaskItem.objects.get(pk=response.json()["id"])
    assert (new.assignee_id, new.reason, new.status, new.step_id) == (
        201,
        "transfer",
        "assigned",
        item.step_id,
    )
    item.refresh_from_db()
    assert item.status == "transferred"
    assert item.history.get(event="transferred").note == "I am off sick"


def test_a_transfer_is_announced_and_audited(task, holder, team):
    _, client = holder(task)

    transfer(client, task, 202)

    assert (outbox(NOTIFY)[-1]["type"], outbox(NOTIFY)[-1]["recipient"]["user_id"]) == ("transfer", "202")
    assert (outbox(STATUS)[-1]["status"], outbox(STATUS)[-1]["assignee"]["id"]) == ("open", "202")
    entry = AuditLog.objects.get(action="task.transferred")
    assert (entry.old, entry.new) == ({"assignee": 200}, {"assignee": 202, "reason": "I am off sick"})


def test_the_new_holder_may_act_and_the_old_one_may_not(task, holder, client_for, team):
    _, old = holder(task)
    accept = action_id(old, task, "Accept")
    transfer(old, task, 201)

    assert (
        old.post(
            f"/api/v1/tasks/{task.pk}/action/", {"action_id": accept, "comment": "x"}, format="json"
        ).status_code
        == 403
    )
    new = client_for(team.agents[1])
    assert (
        new.post(
            f"/api/v1/tasks/{task.pk}/action/", {"action_id": accept, "comment": "x"}, format="json"
        ).status_code
        == 200
    )


def test_a_transfer_to_someone_without_the_role_is_400(task, holder):
    _, client = holder(task)

    response = transfer(client, task, 300)

    assert response.status_code == 400
    assert "user_id" in response.json()
    assert task.items.count() == 1


def test_a_transfer_to_an_unavailable_colleague_is_400(task, holder):
    UserAvailability.objects.create(user_id=201, is_available=False)
    _, client = holder(task)

    assert transfer(client, task, 201).status_code == 400


def test_a_transfer_to_a_colleague_whose_grant_was_revoked_is_400(task, holder, team):
    team.agents[1].is_active = False
    team.agents[1].save()
    _, client = holder(task)

    assert transfer(client, task, 201).status_code == 400


def test_a_transfer_to_oneself_is_400(task, holder):
    _, client = holder(task)

    response = transfer(client, task, 200)

    assert response.status_code == 400
    assert task.items.get().status == "assigned"


@pytest.mark.parametrize("body", [{"user_id": 201}, {"reason": "x"}, {"user_id": "me", "reason": "x"}])
def test_a_transfer_needs_a_user_and_a_reason(task, holder, body):
    _, client = holder(task)

    response = client.post(f"/api/v1/tasks/{task.pk}/transfer/", body, format="json")

    assert response.status_code == 400
    assert task.items.count() == 1


def test_only_the_holder_or_an_admin_transfers(task, holder, team, client_for, admin_client):
    owner = next(c for c in team.coordinators if str(c.user_id) == task.owner_id)

    assert transfer(client_for(owner), task, 201).status_code == 403
    assert transfer(client_for(team.agents[2]), task, 201).status_code == 404
    assert transfer(admin_client, task, 201).status_code == 200


def candidates(client, task):
    return client.get(f"/api/v1/tasks/{task.pk}/transfer-candidates/")


def test_the_holder_sees_whom_the_step_may_go_to(task, holder, team):
    UserAvailability.objects.create(user_id=202, is_available=False)
    _, client = holder(task)

    response = candidates(client, task)

    assert response.status_code == 200, response.content
    ids = [c["id"] for c in response.json()]
    assert 200 not in ids, "not the holder"
    assert 202 not in ids, "not someone away"
    assert 201 in ids
    assert all(c["name"] and "@" in c["email"] for c in response.json())
    # and each of them is accepted by the transfer itself
    assert transfer(client, task, ids[0]).status_code == 200


def test_only_the_holder_or_an_admin_lists_candidates(
    task, holder, team, client_for, admin_client, api_client
):
    owner = next(c for c in team.coordinators if str(c.user_id) == task.owner_id)

    assert candidates(api_client, task).status_code == 401
    refused = candidates(client_for(owner), task)
    assert refused.status_code == 403
    assert_conforms("workflow", "GET /api/v1/tasks/{task_id}/transfer-candidates/", refused)
    assert candidates(client_for(team.agents[2]), task).status_code == 404
    assert candidates(admin_client, task).status_code == 200
