from celery import shared_task

from comments.mentions import mentions_notify
from tts_common.messages import MessageInvalid

NOTIFY_MENTIONS = "comments.tasks.notify_mentions"


@shared_task(name=NOTIFY_MENTIONS, ignore_result=True)
def notify_mentions(payload):
    """Resolve a comment's mentions and notify the new ones (queued by the comment's outbox row)."""
    comment_id = payload.get("comment_id") if isinstance(payload, dict) else None
    if not isinstance(comment_id, int) or isinstance(comment_id, bool):
        raise MessageInvalid("notify_mentions: payload must be {'comment_id': <int>}")
    return mentions_notify(comment_id=comment_id)
