"""``receive_ticket`` for a new ticket: in one transaction, a task on the matched version,
an owner, the first item, and the outbox rows announcing them; a redelivery adds nothing."""

import pytest
from audit.models import AuditLog
from tickets.models import OutboxMessage, WorkflowTicket
from tickets.tasks import receive_ticket
from tickets.tests.factories import TicketSnapshotPayloadFactory

from engine.models import Task, TaskItem, TaskItemHistory
from engine.tests.builders import NOTIFY, STATUS, outbox
from tts_common.messages import NotificationSchema, TicketStatusSchema, parse

pytestmark = pytest.mark.django_db


def test_a_new_ticket_starts_a_task_on_the_current_version_at_the_start_step(workflow, team, ingest):
    # when
    ticket = ingest(priority="high")

    # then
    task = Task.objects.get(ticket=ticket)
    assert (task.workflow, task.version) == (workflow, workflow.current_version)
    start = workflow.steps.get(is_start=True)
    assert task.current_step_id == str(start.pk)
    assert task.path == [str(start.pk)]
    assert task.status == Task.Status.ACTIVE
    ticket.refresh_from_db()
    assert ticket.status == "open"
    assert ticket.unassigned_reason == ""


def test_the_owner_is_a_ticket_coordinator(workflow, team, ingest):
    task = Task.objects.get(ticket=ingest())

    coordinator = next(c for c in team.coordinators if str(c.user_id) == task.owner_id)
    assert task.owner_name == coordinator.name


def test_the_first_item_goes_to_a_holder_of_the_start_steps_role(workflow, team, ingest):
    # when
    task = Task.objects.get(ticket=ingest())

    # then
    item = task.items.get()
    agent = team.agents[0]  # the first turn of IT Support's rotation
    assert (item.step_name, item.role_id, item.status) == (
        "Diagnose",
        team.support_role.id,
        TaskItem.Status.ASSIGNED,
    )
    assert (item.assignee_id, item.assignee_name, item.assignee_email) == (
        agent.user_id,
        agent.name,
        agent.email,
    )
    assert (item.reason, item.rotation_slot) == ("round_robin", 1)
    assert item.assigned_at is not None
    assert list(TaskItemHistory.objects.filter(item=item).values_list("event", flat=True)) == ["assigned"]


def test_the_assignee_is_notified_with_a_valid_notification(workflow, team, ingest):
    # when
    ticket = ingest()

    # then
    [payload] = outbox(NOTIFY)
    message = parse(NotificationSchema, payload)
    item = TaskItem.objects.get()
    assert message["type"] == "assignment"
    assert message["recipient"] == {"user_id": str(item.assignee_id), "email": item.assignee_email}
    assert ticket.ticket_number in message["title"]
    assert message["link"].endswith(f"/tasks/{item.task_id}")
    assert message["data"] == {"task_id": item.task_id, "ticket_number": ticket.ticket_number}


def test_ticket_service_hears_open_with_the_assignee(workflow, team, ingest):
    # when
    ticket = ingest()

    # then
    [payload] = outbox(STATUS)
    message = parse(TicketStatusSchema, payload)
    item = TaskItem.objects.get()
    assert message["status"] == "open"
    assert message["ticket_number"] == ticket.ticket_number
    assert message["assignee"] == {"id": str(item.assignee_id), "name": item.assignee_name}
    assert message["ticket"]["ticket_number"] == ticket.ticket_number  # the snapshot travels along


def test_starting_a_task_is_audited(workflow, team, ingest):
    task = Task.objects.get(ticket=ingest())

    entry = AuditLog.objects.get(action="task.started")
    assert (entry.object_type, entry.object_id) == ("task", str(task.pk))
    assert entry.new == {"workflow": workflow.pk, "version": 1}


def test_a_redelivered_message_creates_nothing_twice(workflow, team):
    # given
    payload = TicketSnapshotPayloadFactory()
    receive_ticket.apply(args=[payload], throw=True)

    # when the broker delivers it again
    receive_ticket.apply(args=[payload], throw=True)

    # then
    assert Task.objects.count() == 1
    assert TaskItem.objects.count() == 1
    assert sorted(OutboxMessage.objects.values_list("task_name", flat=True)) == [NOTIFY, STATUS]
    assert AuditLog.objects.filter(action="task.started").count() == 1


def test_a_changed_snapshot_of_a_running_ticket_starts_no_second_task(workflow, team):
    payload = TicketSnapshotPayloadFactory()
    receive_ticket.apply(args=[payload], throw=True)

    receive_ticket.apply(args=[{**payload, "subject": "Edited subject"}], throw=True)

    assert Task.objects.count() == 1
    assert TaskItem.objects.count() == 1
    assert WorkflowTicket.objects.get().subject == "Edited subject"


def test_ingestion_is_one_transaction(workflow, team, monkeypatch):
    # given the last write of the ingestion (the status message) fails
    def broken_status(**kwargs):
        raise RuntimeError("outbox table locked out")

    monkeypatch.setattr("engine.services.ticket_status_publish", broken_status)

    # when
    with pytest.raises(RuntimeError):
        receive_ticket.apply(args=[TicketSnapshotPayloadFactory()], throw=True)

    # then nothing of it remains, not even the snapshot: the redelivery starts afresh
    assert not WorkflowTicket.objects.exists()
    assert not Task.objects.exists()
    assert not TaskItem.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_without_a_coordinator_role_the_task_runs_without_owner(workflow, team, ingest):
    team.coordinator_role.is_deleted = True
    team.coordinator_role.save()

    task = Task.objects.get(ticket=ingest())

    assert (task.owner_id, task.owner_name) == ("", "")
    assert task.items.get().status == TaskItem.Status.ASSIGNED


def test_ingestion_runs_the_most_specific_workflow(workflow, team, ingest):
    # given a workflow for exactly this subcategory and priority besides the category one
    from workflows.tests.factories import single_step_graph, workflow_published

    nodes, edges = single_step_graph(team.support_role.id)
    exact = workflow_published(
        name="Urgent laptops",
        department="IT",
        category="IT",
        subcategory="Laptop",
        priority="urgent",
        nodes=nodes,
        edges=edges,
    )

    # when
    urgent = ingest(subcategory="laptop", priority="urgent", department="it", category="it")
    medium = ingest(subcategory="Laptop", priority="medium")

    # then
    assert Task.objects.get(ticket=urgent).workflow == exact
    assert Task.objects.get(ticket=medium).workflow == workflow


def test_ingestion_falls_back_to_the_default_workflow(workflow, team, ingest):
    workflow.is_default = True
    workflow.save()

    ticket = ingest(department="Legal", category="Contracts")

    assert Task.objects.get(ticket=ticket).workflow == workflow
    assert WorkflowTicket.objects.get(pk=ticket.pk).unassigned_reason == ""
