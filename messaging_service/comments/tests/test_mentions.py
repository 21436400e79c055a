"""@mentions: a user who may see the ticket is notified once per comment, through the outbox
to notification-queue-default; requesters never hear of internal notes; edits do not repeat."""

import pytest
from celery.exceptions import Reject

from comments.mentions import mention_handles, mentions_notify
from comments.models import CommentMention, OutboxMessage
from comments.services import NOTIFY_MENTIONS
from comments.tasks import notify_mentions
from tts_common.celery import TransientError
from tts_common.messages import NotificationSchema, parse
from tts_common.outbox import SEND_NOTIFICATION
from tts_common.topology import NOTIFICATIONS

pytestmark = pytest.mark.django_db
URL = "/api/v1/comments/"
TICKET = "TKT-2026-000001"


@pytest.mark.parametrize(
    "body, handles",
    [
        ("ping @alan.turing and @Grace@Example.com.", ["alan.turing", "grace@example.com"]),
        ("@alan.turing, @alan.turing again", ["alan.turing"]),
        ("mail bob@example.com, not a mention", []),
        ("`@inline.code` and\n```\n@in.block\n```\n@real", ["real"]),
        ("trailing dot @alan.", ["alan"]),
    ],
)
def test_handles_are_read_from_the_text_but_not_from_code(body, handles):
    assert mention_handles(body) == handles


@pytest.fixture
def world(ticket_service, auth_service):
    """A ticket of Rita (42) in the IT department, assigned to Alan (7); Bob (8) is an agent
    elsewhere; Ada (1) the admin."""
    ticket_service.add(TICKET, requester_id="42", assignee_id="7", department="IT")
    for user in ("1", "7", "42"):
        ticket_service.allow(user, TICKET)
    auth_service.add(id=1, email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])
    auth_service.add(
        id=7, email="alan@example.com", name="Alan Agent", roles=["tts:IT Support"], department="IT"
    )
    auth_service.add(id=8, email="bob@example.com", name="Bob Other", roles=["tts:HR"], department="HR")
    auth_service.add(id=42, email="rita@example.com", name="Rita Requester")
    return ticket_service, auth_service


def notified():
    rows = OutboxMessage.objects.filter(task_name=SEND_NOTIFICATION).order_by("created_at")
    return [(r.payload["recipient"]["user_id"], r.payload["type"]) for r in rows]


def post(client, body, **extra):
    response = client.post(URL, {"ticket": TICKET, "body": body, **extra}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_mention_of_someone_who_sees_the_ticket_notifies_them_once(world, requester):
    # given a comment mentioning the assigned agent by name handle
    comment = post(requester, "Any news, @alan.agent?")

    # when the job runs (the comment queued it through the outbox)
    (job,) = OutboxMessage.objects.filter(task_name=NOTIFY_MENTIONS)
    assert job.payload == {"comment_id": comment["id"]}
    assert notify_mentions(job.payload) == 1

    # then one mention notification for Alan, valid against the message contract
    (row,) = OutboxMessage.objects.filter(task_name=SEND_NOTIFICATION)
    assert row.queue == NOTIFICATIONS
    message = parse(NotificationSchema, row.payload)
    assert message["recipient"] == {"user_id": "7", "email": "alan@example.com"}
    assert message["type"] == "mention"
    assert "Rita Requester mentioned you on TKT-2026-000001" == message["title"]
    assert message["link"].endswith(f"/tickets/{TICKET}#comment-{comment['id']}")

    # and a repeated delivery of the job notifies nobody again
    assert notify_mentions(job.payload) == 0
    assert notified() == [("7", "mention")]


def test_editing_notifies_only_people_newly_mentioned(world, agent):
    comment = post(agent, "cc @ada@example.com")
    mentions_notify(comment_id=comment["id"])

    # when the author edits the comment, keeping Ada and adding Rita
    agent.patch(f"{URL}{comment['id']}/", {"body": "cc @ada@example.com @rita.requester"}, format="json")
    mentions_notify(comment_id=comment["id"])

    # then Ada was told once, Rita once
    assert notified() == [("1", "mention"), ("42", "mention")]
    assert set(CommentMention.objects.values_list("user_id", flat=True)) == {"1", "42"}


def test_nobody_who_cannot_see_the_ticket_is_notified(world, agent):
    # Bob is an agent of another department, not assigned: the ticket is hidden from him
    comment = post(agent, "@bob.other have a look")

    assert mentions_notify(comment_id=comment["id"]) == 0
    assert notified() == []


def test_an_internal_note_never_notifies_the_requester(world, agent):
    comment = post(agent, "@rita.requester @ada.admin internal only", is_internal=True)

    mentions_notify(comment_id=comment["id"])

    assert notified() == [("1", "mention")]


def test_mentioning_yourself_or_nobody_known_notifies_nobody(world, agent):
    comment = post(agent, "note to self @alan.agent, and @no.such.person")

    assert mentions_notify(comment_id=comment["id"]) == 0


def test_a_comment_without_mentions_queues_no_job(world, agent):
    post(agent, "plain text, mail rita@example.com")

    assert not OutboxMessage.objects.filter(task_name=NOTIFY_MENTIONS).exists()


def test_while_auth_service_is_down_the_job_retries_and_records_nothing(world, agent):
    comment = post(agent, "@ada.admin")
    world[1].down = True

    with pytest.raises(TransientError):
        mentions_notify(comment_id=comment["id"])

    assert not CommentMention.objects.exists()
    world[1].down = False
    assert mentions_notify(comment_id=comment["id"]) == 1


def test_a_deleted_comment_notifies_nobody(world, agent):
    comment = post(agent, "@ada.admin")
    agent.delete(f"{URL}{comment['id']}/")

    assert mentions_notify(comment_id=comment["id"]) == 0


@pytest.mark.parametrize("payload", [None, {}, {"comment_id": "7"}, {"comment_id": True}, [1]])
def test_a_malformed_job_is_rejected_to_the_dead_letter_queue_with_its_reason(payload):
    with pytest.raises(Reject) as refused:
        notify_mentions(payload)

    assert refused.value.requeue is False
    assert "comment_id" in str(refused.value.reason)
