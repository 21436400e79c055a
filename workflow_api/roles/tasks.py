import logging

from celery import shared_task

from roles.services import role_sync_apply, role_user_sync_apply
from tts_common.messages import RoleSyncSchema, UserRoleSyncSchema, parse

logger = logging.getLogger(__name__)


@shared_task(name="role.tasks.sync_role", bind=True)
def sync_role(self, payload):
    message = parse(RoleSyncSchema, payload)
    changed = role_sync_apply(message=message)
    logger.info(
        "role synced",
        extra={"role_id": message["role"]["id"], "version": message["version"], "changed": changed},
    )


@shared_task(name="role.tasks.sync_user_system_role", bind=True)
def sync_user_system_role(self, payload):
    message = parse(UserRoleSyncSchema, payload)
    changed = role_user_sync_apply(message=message)
    if changed and message["action"] == "upsert" and message["user"]["is_active"]:
        # Someone new can take work: steps waiting in this role's queue go to them now.
        from engine.services import waiting_items_drain

        waiting_items_drain(role_ids=[message["role_id"]])
    logger.info(
        "role user synced",
        extra={
            "role_id": message["role_id"],
            "user_id": message["user"]["id"],
            "version": message["version"],
            "changed": changed,
        },
    )
