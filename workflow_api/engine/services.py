"""Running tickets through workflows: start, act, transfer, escalate, hold, resume.

Every action is one transaction holding a row lock on the task; an action that finds
the task no longer where the caller saw it raises Conflict (HTTP 409). Downstream
messages (notifications, ticket status) are outbox rows in the same transaction.
"""

from __future__ import annotations

from typing import Any

from audit.services import audit_log
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from roles.models import Role, RoleUser
from tickets.models import OutboxMessage, WorkflowTicket
from tickets.services import ticket_status_publish, workflow_ticket_upsert
from workflows.models import Workflow

from engine import sla
from engine.assignment import assignee_pick, role_member
from engine.models import Task, TaskItem, TaskItemHistory, UserAvailability, items_sort_keys_sync
from tts_common.outbox import notification_enqueue

COORDINATOR_ROLE = "Ticket Coordinator"
ADMIN_ROLE = "Admin"


class Conflict(APIException):
    status_code = 409
    default_detail = "The task changed meanwhile; reload it and try again."
    default_code = "conflict"


# ---------------------------------------------------------------- notifications


def notify(
    *, user_id: int, email: str, type: str, title: str, body: str = "", link: str = "", data=None
) -> None:
    notification_enqueue(
        OutboxMessage,
        user_id=user_id,
        email=email,
        type=type,
        title=title,
        body=body,
        link=link,
        data=data,
    )


def _task_link(task: Task) -> str:
    return f"{settings.TTS_WEB_URL.rstrip('/')}/tasks/{task.pk}"


def notify_admins(*, type: str, title: str, body: str, link: str = "") -> None:
    admins = RoleUser.objects.filter(
        role__system="tts", role__name=ADMIN_ROLE, role__is_deleted=False, is_active=True, user_is_active=True
    )
    for admin in admins:
        notify(user_id=admin.user_id, email=admin.email, type=type, title=title, body=body, link=link)


# ---------------------------------------------------------------- items


def _history(item: TaskItem, event: str, actor=None, note: str = "") -> None:
    TaskItemHistory.objects.create(
        item=item, event=event, actor_id=str(getattr(actor, "id", "") or ""), note=note
    )


def notify_assignee(task: Task, item: TaskItem) -> None:
    """Tell the item's assignee they have it (and why, by the notification type)."""
    reason = item.reason
    notify(
        user_id=item.assignee_id,
        email=item.assignee_email,
        type="escalation"
        if reason in (TaskItem.Reason.ESCALATION, TaskItem.Reason.SLA_BREACH)
        else ("transfer" if reason == TaskItem.Reason.TRANSFER else "assignment"),
        title=f"{task.ticket.ticket_number}: {item.step_name}",
        body=f"{task.ticket.subject}\n\nYou have a new task: {item.step_name}.",
        link=_task_link(task),
        data={"task_id": task.pk, "ticket_number": task.ticket.ticket_number},
    )


def _item_open(
    *,
    task: Task,
    step: dict[str, Any],
    role_id: int | None = None,
    assignee: RoleUser | None = None,
    reason: str = "",
    actor=None,
    note: str = "",
) -> TaskItem:
    """Hand ``step`` to a person: ``assignee`` if given, else picked from the role; with
    nobody eligible the item waits in the role's queue and admins are told."""
    role_id = role_id or step["role_id"]
    slot = None
    if assignee is None:
        pick = assignee_pick(role_id=role_id, mode=step.get("assignment_mode", "round_robin"))
        if pick is not None:
            # An escalation keeps its reason; the rotation only chose who.
            assignee, reason, slot = pick.user, reason or pick.reason, pick.slot
    now = timezone.now()
    item = TaskItem(
        task=task,
        step_id=str(step["id"]),
        step_name=step["name"],
        role_id=role_id,
        assignee_id=assignee.user_id if assignee else None,
        assignee_name=assignee.name if assignee else "",
        assignee_email=assignee.email if assignee else "",
        status=TaskItem.Status.ASSIGNED if assignee else TaskItem.Status.WAITING,
        reason=reason if assignee else "",
        rotation_slot=slot,
        assigned_at=now if assignee else None,
        **TaskItem.sort_keys(task),
    )
    sla.item_sla_start(task, item, now=now)
    item.save()
    if assignee:
        _history(item, "assigned", actor, note or f"reason: {reason}")
        notify_assignee(task, item)
    else:
        _history(item, "waiting", actor, "no available holder of the role")
        role = Role.objects.filter(pk=role_id).first()
        notify_admins(
            type="unassigned",
            title=f"{task.ticket.ticket_number} waits for {role.name if role else f'role {role_id}'}",
            body="No active, available user holds the role; the step waits until someone does.",
            link=_task_link(task),
        )
    return item


def _publish_status(task: Task, status: str, item: TaskItem | None = None) -> None:
    assignee = (
        {"id": str(item.assignee_id), "name": item.assignee_name} if item and item.assignee_id else None
    )
    ticket_status_publish(
        ticket=task.ticket, status=status, assignee=assignee, sla_due_at=task.target_resolution_at
    )
    WorkflowTicket.objects.filter(pk=task.ticket_id).update(status=status)


def _running_status(task: Task) -> str:
    """The ticket's status while the task runs: open at the first step, then in progress;
    on hold while held (handing the step to someone else does not resume the task)."""
    if task.status == Task.Status.ON_HOLD:
        return "on_hold"
    return "in_progress" if len(task.path) > 1 else "open"


def _current_item(task: Task) -> TaskItem | None:
    return task.items.filter(status__in=TaskItem.OPEN, step_id=task.current_step_id).order_by("-id").first()


# ---------------------------------------------------------------- start


@transaction.atomic
def ticket_ingest(*, snapshot: dict[str, Any], raw: dict[str, Any]) -> tuple[WorkflowTicket, bool]:
    """``receive_ticket``: upsert the snapshot and, for a new ticket, start its task on the
    matched workflow (or park it for admins), all in one transaction with the outbox rows
    it implies. A redelivery finds the snapshot and creates nothing twice."""
    from workflows.services import workflow_match

    before = (
        WorkflowTicket.objects.filter(ticket_number=snapshot["ticket_number"])
        .values_list("priority", flat=True)
        .first()
    )
    ticket, changed = workflow_ticket_upsert(snapshot=snapshot, raw=raw)
    if not changed:
        return ticket, changed
    if Task.objects.filter(ticket=ticket).exists():
        if before is not None and before != ticket.priority:
            task_priority_changed(ticket=ticket)
        return ticket, changed
    workflow = workflow_match(
        department=ticket.department,
        category=ticket.category,
        subcategory=ticket.subcategory,
        priority=ticket.priority,
    )
    if workflow is None:
        if not ticket.unassigned_reason:  # parked once; a corrected republish may match later
            ticket_park_new(ticket=ticket)
    else:
        task_start(ticket=ticket, workflow=workflow)
    return ticket, changed


def task_start(*, ticket: WorkflowTicket, workflow: Workflow, actor=None) -> Task:
    """Create the task on the workflow's current version, its owner and the first item.

    Call inside the ingestion transaction (the caller holds the ticket row)."""
    version = workflow.current_version
    start = version.start_step()
    coordinator_role = Role.objects.filter(system="tts", name=COORDINATOR_ROLE, is_deleted=False).first()
    owner = assignee_pick(role_id=coordinator_role.id) if coordinator_role else None
    task = Task.objects.create(
        ticket=ticket,
        workflow=workflow,
        version=version,
        current_step_id=str(start["id"]),
        path=[str(start["id"])],
        owner_id=str(owner.user.user_id) if owner else "",
        owner_name=owner.user.name if owner else "",
    )
    sla.task_sla_start(task, now=task.created_at)
    task.save()
    WorkflowTicket.objects.filter(pk=ticket.pk).update(unassigned_reason="")
    item = _item_open(task=task, step=start, actor=actor)
    _publish_status(task, "open", item)
    audit_log(
        actor=actor, action="task.started", obj=task, new={"workflow": workflow.pk, "version": version.number}
    )
    return task


def ticket_park_new(*, ticket: WorkflowTicket) -> None:
    """A ticket no workflow matches: parked for admins, and ticket_service told."""
    ticket_park(ticket=ticket, reason="No workflow matches its department, category and priority.")
    ticket_status_publish(ticket=ticket, status=ticket.status)


def ticket_park(*, ticket: WorkflowTicket, reason: str) -> None:
    """No workflow matched: keep the ticket for admins and tell them."""
    WorkflowTicket.objects.filter(pk=ticket.pk).update(unassigned_reason=reason)
    notify_admins(
        type="unassigned",
        title=f"{ticket.ticket_number} has no workflow",
        body=f"{ticket.subject}\n\n{reason} Assign a workflow to it from the unassigned queue.",
        link=f"{settings.TTS_WEB_URL.rstrip('/')}/admin/unassigned",
    )


@transaction.atomic
def task_start_for(*, ticket: WorkflowTicket, workflow: Workflow, actor, request=None) -> Task:
    """An admin assigns a workflow to a ticket that has none."""
    ticket = WorkflowTicket.objects.select_for_update().get(pk=ticket.pk)
    if Task.objects.filter(ticket=ticket).exists():
        raise Conflict("This ticket already has a task.")
    if workflow.status != Workflow.Status.PUBLISHED or workflow.current_version is None:
        raise ValidationError({"workflow_id": ["Only a published workflow can run tickets."]})
    task = task_start(ticket=ticket, workflow=workflow, actor=actor)
    audit_log(
        actor=actor, action="task.workflow_assigned", obj=task, new={"workflow": workflow.pk}, request=request
    )
    return task


# ---------------------------------------------------------------- actions


def _lock(task_id: int) -> Task:
    task = Task.objects.select_for_update().select_related("ticket", "version").filter(pk=task_id).first()
    if task is None:
        from rest_framework.exceptions import NotFound

        raise NotFound("No such task.")
    return task


def _acting_item(task: Task, actor, *, expected_item_id: int | None = None) -> TaskItem:
    """The open item of the current step the actor may act on (admins: whoever holds it)."""
    if task.status == Task.Status.COMPLETED:
        raise Conflict("The task is already completed.")
    item = _current_item(task)
    if item is None:
        raise Conflict("Nobody holds the current step.")
    if expected_item_id is not None and item.pk != expected_item_id:
        raise Conflict()
    if str(item.assignee_id) != str(actor.id) and not actor.is_admin():
        raise PermissionDenied("Only the person holding the current step (or an admin) may do this.")
    return item


def available_actions(*, task: Task) -> list[dict[str, Any]]:
    if task.status != Task.Status.ACTIVE:
        return []
    version = task.version
    names = {s["id"]: s["name"] for s in version.definition["steps"]}
    return [
        {
            "id": t["id"],
            "label": t["label"],
            "to_step": {"id": t["to"], "name": names[t["to"]]} if t["to"] else None,
            "ends_with": None if t["to"] else t["end_status"],
        }
        for t in version.transitions_from(task.current_step_id)
    ]


@transaction.atomic
def task_act(*, task_id: int, actor, action_id: str, comment: str, request=None) -> dict[str, Any]:
    task = _lock(task_id)
    if task.status == Task.Status.ON_HOLD:
        raise Conflict("The task is on hold; resume it first.")
    chosen = next((t for t in task.version.definition["transitions"] if str(t["id"]) == str(action_id)), None)
    if chosen is not None and task.status == Task.Status.ACTIVE and chosen["from"] != task.current_step_id:
        # An action of a step the task has left: the caller saw the task before someone
        # else moved it (a second click, a colleague). Not a permission problem.
        raise Conflict("The task has moved past that step; reload it.")
    item = _acting_item(task, actor)
    transition = next(
        (t for t in task.version.transitions_from(task.current_step_id) if str(t["id"]) == str(action_id)),
        None,
    )
    if transition is None:
        raise ValidationError({"action_id": ["This action is not available at the current step."]})
    now = timezone.now()
    item.status, item.acted_at, item.action_label, item.comment = (
        TaskItem.Status.ACTED,
        now,
        transition["label"],
        comment,
    )
    item.save(update_fields=["status", "acted_at", "action_label", "comment"])
    _history(item, "acted", actor, f"{transition['label']}: {comment}")
    if task.first_response_at is None:
        task.first_response_at = now
    before = {"step": task.current_step_id, "status": task.status}
    if transition["to"] is None:
        task.status, task.outcome, task.completed_at, task.current_step_id = (
            Task.Status.COMPLETED,
            transition["end_status"],
            now,
            "",
        )
        task.save()
        _publish_status(task, transition["end_status"], None)
        owner = RoleUser.objects.filter(user_id=int(task.owner_id)).first() if task.owner_id else None
        if owner is not None:
            notify(
                user_id=owner.user_id,
                email=owner.email,
                type="task_completed",
                title=f"{task.ticket.ticket_number} {transition['end_status']}",
                body=f"{task.ticket.subject}\n\n{transition['label']} by {actor.name or actor.email}.",
                link=_task_link(task),
            )
        result = {"status": "completed", "outcome": transition["end_status"], "next_step": None}
    else:
        step = task.version.step(transition["to"])
        task.current_step_id = str(step["id"])
        task.path = [*task.path, str(step["id"])]
        task.save()
        next_item = _item_open(task=task, step=step, actor=actor)
        _publish_status(task, "in_progress", next_item)
        result = {
            "status": "transitioned",
            "next_step": {
                "step_id": step["id"],
                "name": step["name"],
                "item_id": next_item.pk,
                "assigned_to": (
                    {
                        "id": next_item.assignee_id,
                        "name": next_item.assignee_name,
                        "email": next_item.assignee_email,
                    }
                    if next_item.assignee_id
                    else None
                ),
            },
        }
    audit_log(
        actor=actor,
        action="task.acted",
        obj=task,
        old=before,
        new={"action": transition["label"], "step": task.current_step_id, "status": task.status},
        request=request,
    )
    return result


@transaction.atomic
def task_transfer(*, task_id: int, actor, user_id: int, reason: str, request=None) -> TaskItem:
    task = _lock(task_id)
    item = _acting_item(task, actor)
    if item.assignee_id == user_id:
        raise ValidationError({"user_id": ["The step is already theirs."]})
    target = role_member(role_id=item.role_id, user_id=user_id)
    if target is None:
        raise ValidationError({"user_id": ["This user does not hold the step's role, or is not available."]})
    item.status = TaskItem.Status.TRANSFERRED
    item.save(update_fields=["status"])
    _history(item, "transferred", actor, reason)
    step = task.version.step(task.current_step_id)
    new = _item_open(
        task=task,
        step=step,
        role_id=item.role_id,
        assignee=target,
        reason=TaskItem.Reason.TRANSFER,
        actor=actor,
        note=reason,
    )
    _publish_status(task, _running_status(task), new)
    audit_log(
        actor=actor,
        action="task.transferred",
        obj=task,
        old={"assignee": item.assignee_id},
        new={"assignee": user_id, "reason": reason},
        request=request,
    )
    return new


def transfer_candidates(*, task: Task, actor) -> list[RoleUser]:
    """Who the current step may be handed to: available holders of its role, but the holder."""
    from engine.assignment import eligible_users

    item = _acting_item(task, actor)
    return [u for u in eligible_users(role_id=item.role_id) if u.user_id != item.assignee_id]


@transaction.atomic
def task_escalate(*, task_id: int, actor, reason: str, request=None) -> TaskItem:
    task = _lock(task_id)
    item = _acting_item(task, actor)
    step = task.version.step(task.current_step_id)
    role_id = step.get("escalate_to_role_id")
    if not role_id:
        raise ValidationError({"detail": f'Step "{step["name"]}" has no escalation role.'})
    item.status = TaskItem.Status.ESCALATED
    item.save(update_fields=["status"])
    _history(item, "escalated", actor, reason)
    new = _item_open(
        task=task, step=step, role_id=role_id, reason=TaskItem.Reason.ESCALATION, actor=actor, note=reason
    )
    _publish_status(task, "on_hold" if task.status == Task.Status.ON_HOLD else "in_progress", new)
    audit_log(
        actor=actor,
        action="task.escalated",
        obj=task,
        new={"role": role_id, "reason": reason},
        request=request,
    )
    return new


@transaction.atomic
def task_hold(*, task_id: int, actor, reason: str, request=None) -> Task:
    task = _lock(task_id)
    item = _acting_item(task, actor)
    if task.status == Task.Status.ON_HOLD:
        raise Conflict("The task is already on hold.")
    task.status = Task.Status.ON_HOLD
    sla.task_sla_pause(task)
    task.save(update_fields=["status", "paused_at", "updated_at"])
    _history(item, "held", actor, reason)
    _publish_status(task, "on_hold", item)
    audit_log(actor=actor, action="task.held", obj=task, new={"reason": reason}, request=request)
    return task


@transaction.atomic
def task_resume(*, task_id: int, actor, reason: str = "", request=None) -> Task:
    task = _lock(task_id)
    if task.status != Task.Status.ON_HOLD:
        raise Conflict("The task is not on hold.")
    task.status = Task.Status.ACTIVE
    item = _acting_item(task, actor)
    open_items = list(task.items.filter(status__in=TaskItem.OPEN))
    sla.task_sla_resume(task, open_items)  # the time on hold is not counted
    task.save()
    keys = TaskItem.sort_keys(task)  # the due time moved: my tasks' order follows
    for item in open_items:
        for key, value in keys.items():
            setattr(item, key, value)
    TaskItem.objects.bulk_update(open_items, ["target_at", "warn_at", "paused_minutes", *TaskItem.SORT_KEYS])
    _history(item, "resumed", actor, reason)
    _publish_status(task, "in_progress", item)
    audit_log(actor=actor, action="task.resumed", obj=task, new={"reason": reason}, request=request)
    return task


@transaction.atomic
def item_start(*, task_id: int, actor, request=None) -> TaskItem:
    """The holder opens the step: assigned → in progress (the first response)."""
    task = _lock(task_id)
    item = _acting_item(task, actor)
    if item.status == TaskItem.Status.ASSIGNED and str(item.assignee_id) == str(actor.id):
        item.status = TaskItem.Status.IN_PROGRESS
        item.save(update_fields=["status"])
        _history(item, "in_progress", actor)
        if task.first_response_at is None:
            task.first_response_at = timezone.now()
            task.save(update_fields=["first_response_at", "updated_at"])
        audit_log(
            actor=actor,
            action="task.item_started",
            obj=task,
            new={"item": item.pk, "step": item.step_id},
            request=request,
        )
    return item


@transaction.atomic
def item_assign(*, task_id: int, actor, user_id: int, request=None) -> TaskItem:
    """Admins hand the current step (waiting or not) to a holder of its role."""
    task = _lock(task_id)
    if task.status == Task.Status.COMPLETED:
        raise Conflict("The task is already completed.")
    item = _current_item(task)
    if item is None:
        raise Conflict("Nobody holds the current step.")
    target = role_member(role_id=item.role_id, user_id=user_id)
    if target is None:
        raise ValidationError({"user_id": ["This user does not hold the step's role, or is not available."]})
    item.status = (
        TaskItem.Status.CANCELLED if item.status == TaskItem.Status.WAITING else TaskItem.Status.TRANSFERRED
    )
    item.save(update_fields=["status"])
    _history(item, "reassigned", actor, f"by admin to {target.email}")
    step = task.version.step(task.current_step_id)
    new = _item_open(
        task=task, step=step, role_id=item.role_id, assignee=target, reason=TaskItem.Reason.ADMIN, actor=actor
    )
    _publish_status(task, _running_status(task), new)
    audit_log(
        actor=actor, action="task.assigned_by_admin", obj=task, new={"assignee": user_id}, request=request
    )
    return new


# ---------------------------------------------------------------- waiting queue and availability


def waiting_items_drain(*, role_ids: list[int] | None = None) -> int:
    """Assign waiting items (oldest first) now that someone may be eligible. Each item
    is handled in its own transaction with the task locked, so racing drains are safe."""
    waiting = TaskItem.objects.filter(status=TaskItem.Status.WAITING)
    if role_ids is not None:
        waiting = waiting.filter(role_id__in=role_ids)
    assigned = 0
    for item_id, task_id in waiting.order_by("created_at", "id").values_list("id", "task_id"):
        with transaction.atomic():
            task = _lock(task_id)
            item = TaskItem.objects.select_for_update().get(pk=item_id)
            if item.status != TaskItem.Status.WAITING:
                continue
            pick = assignee_pick(
                role_id=item.role_id,
                mode=task.version.step(item.step_id).get("assignment_mode", "round_robin"),
            )
            if pick is None:
                continue
            item.status, item.assigned_at, item.reason, item.rotation_slot = (
                TaskItem.Status.ASSIGNED,
                timezone.now(),
                pick.reason,
                pick.slot,
            )
            item.assignee_id, item.assignee_name, item.assignee_email = (
                pick.user.user_id,
                pick.user.name,
                pick.user.email,
            )
            item.save()
            _history(item, "assigned", None, "from the role's queue")
            notify(
                user_id=pick.user.user_id,
                email=pick.user.email,
                type="assignment",
                title=f"{task.ticket.ticket_number}: {item.step_name}",
                body=task.ticket.subject,
                link=_task_link(task),
            )
            _publish_status(task, _running_status(task), item)
            assigned += 1
    return assigned


def availability_set(
    *, user_id: int, is_available: bool, delegate_id: int | None, note: str = "", actor=None
) -> UserAvailability:
    """Mark a user available or away. Going away with a delegate hands their open items to
    the delegate (if eligible); coming back drains the queues of their roles."""
    if delegate_id is not None and delegate_id == user_id:
        raise ValidationError({"delegate_id": ["You cannot delegate to yourself."]})
    with transaction.atomic():
        availability, _ = UserAvailability.objects.update_or_create(
            user_id=user_id,
            defaults={
                "is_available": is_available,
                "delegate_id": delegate_id if not is_available else None,
                "note": note,
            },
        )
    if is_available:
        waiting_items_drain(role_ids=_roles_of(user_id))
    elif delegate_id is not None:
        for item in TaskItem.objects.filter(
            assignee_id=user_id, status__in=["assigned", "in_progress"]
        ).select_related("task"):
            with transaction.atomic():
                task = _lock(item.task_id)
                item = TaskItem.objects.select_for_update().get(pk=item.pk)
                if item.status not in ("assigned", "in_progress") or item.step_id != task.current_step_id:
                    continue
                delegate = role_member(role_id=item.role_id, user_id=delegate_id)
                if delegate is None:
                    continue
                item.status = TaskItem.Status.TRANSFERRED
                item.save(update_fields=["status"])
                _history(item, "transferred", actor, "delegated while away")
                step = task.version.step(task.current_step_id)
                new = _item_open(
                    task=task,
                    step=step,
                    role_id=item.role_id,
                    assignee=delegate,
                    reason=TaskItem.Reason.DELEGATE,
                    actor=actor,
                )
                _publish_status(task, _running_status(task), new)
    return availability


def _roles_of(user_id: int) -> list[int]:
    return list(
        RoleUser.objects.filter(user_id=user_id, is_active=True, user_is_active=True).values_list(
            "role_id", flat=True
        )
    )


def sla_breach_escalate(*, item: TaskItem) -> TaskItem | None:
    """A breached step goes to its escalation role (reason sla_breach), in the sweep's
    transaction; None when the step has no escalation role or nobody else can take it."""
    task = _lock(item.task_id)
    step = task.version.step(item.step_id)
    role_id = step.get("escalate_to_role_id")
    if not role_id or item.step_id != task.current_step_id or item.status not in TaskItem.OPEN:
        return None
    item.status = TaskItem.Status.ESCALATED
    item.save(update_fields=["status"])
    _history(item, "escalated", None, "SLA breached")
    new = _item_open(
        task=task, step=step, role_id=role_id, reason=TaskItem.Reason.SLA_BREACH, note="SLA breached"
    )
    _publish_status(task, _running_status(task), new)
    audit_log(actor=None, action="task.sla_escalated", obj=task, new={"role": role_id, "item": new.pk})
    return new


@transaction.atomic
def task_priority_changed(*, ticket: WorkflowTicket) -> None:
    """The ticket's priority changed: new targets for what is left, elapsed time kept."""
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("ticket", "version", "workflow__calendar")
        .filter(ticket=ticket)
        .first()
    )
    if task is None or task.status == Task.Status.COMPLETED:
        return
    task.ticket = ticket
    sla.task_sla_start(task)
    task.save()
    items_sort_keys_sync(task)
    current = _current_item(task)
    if current is not None:
        sla.item_sla_start(task, current)
        current.save(update_fields=["budget_minutes", "target_at", "warn_at"])
    _publish_status(task, "on_hold" if task.status == Task.Status.ON_HOLD else _running_status(task), current)
