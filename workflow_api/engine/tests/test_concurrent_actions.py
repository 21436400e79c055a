"""Two requests acting on the same task at once, each on its own PostgreSQL connection:
the row lock lets one through and the other finds the task moved on (409)."""

import threading

import pytest
from django.db import connection

from engine.models import Task, TaskItem
from engine.tests.builders import action_id


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("label", ["Accept", "Reject"], ids=["moves to the next step", "completes the task"])
def test_two_clicks_at_once_give_one_200_and_one_409(workflow, team, ingest, holder, label):
    # given the holder's two browser tabs, each with its own client
    task = Task.objects.get(ticket=ingest())
    _, first_tab = holder(task)
    _, second_tab = holder(task)
    body = {"action_id": action_id(first_tab, task, label), "comment": "done"}
    barrier = threading.Barrier(2)
    statuses, errors = [], []

    def click(client):
        try:
            barrier.wait(timeout=5)
            statuses.append(client.post(f"/api/v1/tasks/{task.pk}/action/", body, format="json").status_code)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=click, args=(c,)) for c in (first_tab, second_tab)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    # then
    assert errors == []
    assert sorted(statuses) == [200, 409]
    assert TaskItem.objects.filter(task=task, status=TaskItem.Status.ACTED).count() == 1
    assert TaskItem.objects.filter(task=task).count() == (2 if label == "Accept" else 1)
