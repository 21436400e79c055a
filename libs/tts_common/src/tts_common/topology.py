"""Queue names and task routes of DESIGN §5: the one place they are written down."""

from __future__ import annotations

from kombu import Exchange, Queue

TICKET_INTAKE = "TICKET_TASKS_PRODUCTION"
TICKET_STATUS = "ticket_status-default"
NOTIFICATIONS = "notification-queue-default"
ROLE_SYNC = "tts.role.sync"
USER_ROLE_SYNC = "tts.user_system_role.sync"

MESSAGE_QUEUES = [TICKET_INTAKE, TICKET_STATUS, NOTIFICATIONS, ROLE_SYNC, USER_ROLE_SYNC]

TASK_QUEUES = {
    "tickets.tasks.receive_ticket": TICKET_INTAKE,
    "tickets.tasks.update_ticket_status": TICKET_STATUS,
    "notifications.tasks.send_notification": NOTIFICATIONS,
    "role.tasks.sync_role": ROLE_SYNC,
    "role.tasks.sync_user_system_role": USER_ROLE_SYNC,
    # service-internal work rides on the service's own maintenance queue
    "notifications.tasks.deliver_email": "tts.notifications.maintenance",  # = maintenance_queue("notifications")
    "comments.tasks.notify_mentions": "tts.messaging.maintenance",  # = maintenance_queue("messaging")
}

# Services with a transactional outbox, by short name; each has a maintenance queue
# its worker consumes, where beat drops the periodic outbox sweep.
SERVICES = ["auth", "tickets", "workflow", "messaging", "notifications"]
DLX = "tts.dlx"


def maintenance_queue(short: str) -> str:
    return f"tts.{short}.maintenance"


def outbox_sweep_task(short: str) -> str:
    return f"tts.{short}.outbox_sweep"


def dead_letter_queue(name: str) -> str:
    return f"{name}.dlq"


def queue_for_task(task_name: str) -> str:
    try:
        return TASK_QUEUES[task_name]
    except KeyError:
        raise LookupError(f"no queue is routed for task {task_name!r}") from None


def declared_queues(prefix: str = "") -> list[Queue]:
    """Every queue with the same arguments wherever it is declared (RabbitMQ refuses a mismatch)."""
    dlx = Exchange(prefix + DLX, type="direct", durable=True)
    queues = []
    for name in MESSAGE_QUEUES + [maintenance_queue(s) for s in SERVICES]:
        full = prefix + name
        queues.append(
            Queue(
                full,
                Exchange(full, type="direct", durable=True),
                routing_key=full,
                durable=True,
                queue_arguments={
                    "x-dead-letter-exchange": dlx.name,
                    "x-dead-letter-routing-key": dead_letter_queue(full),
                },
            )
        )
        queues.append(Queue(dead_letter_queue(full), dlx, routing_key=dead_letter_queue(full), durable=True))
    return queues
