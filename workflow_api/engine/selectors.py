from django.db.models import Exists, OuterRef, Q, QuerySet
from tickets.models import WorkflowTicket

from engine.models import Task, TaskItem
from tts_common.authentication import TokenUser


def task_list_for(*, user: TokenUser, scope: str = "mine") -> QuerySet[Task]:
    """``mine``: tasks whose current step the user holds; ``involved``: any item of theirs or
    owned by them; ``all``: every task (admins only — the API checks). GET /api/v1/tasks/
    selects the same scopes in its own SQL (engine.task_list; a test holds the two alike)."""
    # a version's number and steps come from workflows.selectors.version_outlines, a
    # calendar's working time from calendars.selectors.schedule_of (both kept per process)
    tasks = Task.objects.select_related("ticket", "workflow__calendar")
    if scope == "all":
        return tasks
    uid = int(user.id) if str(user.id).isdigit() else -1
    if scope == "involved":
        involved = TaskItem.objects.filter(task=OuterRef("pk"), assignee_id=uid)
        return tasks.filter(Q(Exists(involved)) | Q(owner_id=str(uid)))
    holding = TaskItem.objects.filter(
        task=OuterRef("pk"), assignee_id=uid, status__in=["assigned", "in_progress"]
    )
    return tasks.filter(Exists(holding))


def task_visible(*, user: TokenUser, task_id: int) -> Task | None:
    scope = "all" if user.is_admin() or user.is_service else "involved"
    return task_list_for(user=user, scope=scope).filter(pk=task_id).first()


def unassigned_tickets() -> QuerySet[WorkflowTicket]:
    """Tickets no task runs (no workflow matched)."""
    return WorkflowTicket.objects.filter(task__isnull=True).order_by("received_at", "id")


def waiting_items() -> QuerySet[TaskItem]:
    return (
        TaskItem.objects.filter(status=TaskItem.Status.WAITING)
        .select_related("task__ticket")
        .order_by("created_at", "id")
    )
