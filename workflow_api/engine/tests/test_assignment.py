"""Who gets a step: the role's holders in turn (round robin), or the least loaded with the
rotation breaking ties; only active, available holders; every assignment says why."""

import pytest
from roles.models import RoleUser
from workflows.tests.factories import edge, node, workflow_published

from engine.models import Task, TaskItem, UserAvailability

pytestmark = pytest.mark.django_db


def assignees(tickets) -> list[int]:
    return [Task.objects.get(ticket=t).items.get().assignee_id for t in tickets]


@pytest.fixture
def balanced(team):
    """A one-step workflow for department Ops whose step goes to the least loaded agent."""
    return workflow_published(
        name="Ops",
        department="Ops",
        category="Ops",
        nodes=[node("s", "Handle", team.support_role.id, is_start=True, assignment_mode="least_loaded")],
        edges=[edge("e", "s", None, "Done")],
    )


def ingest_ops(ingest, n=1):
    return [ingest(department="Ops", category="Ops") for _ in range(n)]


def close(ticket) -> None:
    """The assignee finished the ticket's item (it is no longer open work)."""
    TaskItem.objects.filter(task__ticket=ticket).update(status=TaskItem.Status.ACTED)


def set_status_of(user_id: int, status: str) -> None:
    TaskItem.objects.filter(assignee_id=user_id).update(status=status)


def test_round_robin_hands_steps_to_the_holders_in_turn(workflow, team, ingest):
    tickets = [ingest() for _ in range(5)]

    assert assignees(tickets) == [200, 201, 202, 200, 201]
    assert set(TaskItem.objects.values_list("reason", flat=True)) == {"round_robin"}
    assert sorted(TaskItem.objects.values_list("rotation_slot", flat=True)) == [1, 2, 3, 4, 5]


def test_the_owner_rotation_is_separate_from_the_steps_rotation(workflow, team, ingest):
    tickets = [ingest() for _ in range(3)]

    assert [Task.objects.get(ticket=t).owner_id for t in tickets] == ["100", "101", "100"]


def test_least_loaded_picks_the_holder_with_fewest_open_items(balanced, team, ingest):
    # given each agent holds one open item, then 201 finishes theirs
    ingest_ops(ingest, 3)
    assert sorted(TaskItem.objects.values_list("assignee_id", flat=True)) == [200, 201, 202]
    set_status_of(201, TaskItem.Status.ACTED)

    # when
    [ticket] = ingest_ops(ingest)

    # then 201 gets it, though the rotation alone would have picked 200
    item = Task.objects.get(ticket=ticket).items.get()
    assert (item.assignee_id, item.reason) == (201, "least_loaded")


def test_least_loaded_counts_items_in_progress_as_open(balanced, team, ingest):
    # given 202 has one item in progress and 201 one assigned; 200 has none
    ingest_ops(ingest, 3)
    set_status_of(202, TaskItem.Status.IN_PROGRESS)
    set_status_of(200, TaskItem.Status.ACTED)

    # when
    [ticket] = ingest_ops(ingest)

    # then
    assert assignees([ticket]) == [200]  # the rotation alone would have tied 200 with 202 and picked 202


def test_least_loaded_breaks_ties_by_the_rotation(balanced, team, ingest):
    # given every pick finds the agents equally loaded
    picked = []
    for _ in range(4):
        [ticket] = ingest_ops(ingest)
        picked += assignees([ticket])
        close(ticket)

    # then they take turns
    assert picked == [200, 201, 202, 200]


def test_unavailable_holders_are_skipped(workflow, team, ingest, client_for):
    # given 200 says they are away
    response = client_for(team.agents[0]).put(
        "/api/v1/tasks/availability/", {"is_available": False}, format="json"
    )
    assert response.status_code == 200

    # when
    tickets = [ingest() for _ in range(4)]

    # then
    assert sorted(assignees(tickets)) == [201, 201, 202, 202]


def test_holders_whose_grant_or_account_is_inactive_are_skipped(workflow, team, ingest):
    # given 200's grant was revoked and 201's account disabled
    RoleUser.objects.filter(pk=team.agents[0].pk).update(is_active=False)
    RoleUser.objects.filter(pk=team.agents[1].pk).update(user_is_active=False)

    # when
    tickets = [ingest() for _ in range(3)]

    # then
    assert assignees(tickets) == [202, 202, 202]


def test_a_holder_of_a_deleted_role_is_skipped(workflow, team, ingest):
    team.support_role.is_deleted = True
    team.support_role.save()

    item = Task.objects.get(ticket=ingest()).items.get()

    assert (item.status, item.assignee_id) == (TaskItem.Status.WAITING, None)


def test_an_away_user_is_not_picked_as_owner_either(workflow, team, ingest):
    UserAvailability.objects.create(user_id=100, is_available=False)

    tickets = [ingest() for _ in range(2)]

    assert [Task.objects.get(ticket=t).owner_id for t in tickets] == ["101", "101"]
