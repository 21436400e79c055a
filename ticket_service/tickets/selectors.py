import operator
from functools import reduce

from django.db.models import Q, QuerySet

from tickets.models import Attachment, Ticket, TicketStatusHistory
from tts_common.access import ticket_visibility_terms
from tts_common.authentication import TokenUser


def ticket_visibility(*, user: TokenUser) -> Q:
    """The kernel's ticket rule (tts_common.access) as a query."""
    terms = ticket_visibility_terms(user)
    if terms is None:
        return Q()
    return reduce(operator.or_, (Q(**{field: value}) for field, value in terms))


def ticket_list(*, user: TokenUser) -> QuerySet[Ticket]:
    return Ticket.objects.filter(ticket_visibility(user=user), is_deleted=False)


def ticket_found(*, user: TokenUser, lookup: str) -> QuerySet[Ticket]:
    """The visible ticket with id (digits) or number ``lookup``: one or none (both keys are
    unique), so that absence and refusal look the same."""
    return Ticket.objects.filter(ticket_visibility(user=user), is_deleted=False, **dict([ticket_key(lookup)]))


def ticket_key(lookup: str) -> tuple[str, int | str]:
    """A ticket's lookup as ("pk", id) when it is digits, else ("number", lookup)."""
    return ("pk", int(lookup)) if lookup.isdigit() and len(lookup) < 18 else ("number", lookup)


def ticket_get(*, user: TokenUser, lookup: str) -> Ticket | None:
    """A visible ticket by id (digits) or number; None hides both absence and refusal."""
    return ticket_found(user=user, lookup=lookup).first()


def ticket_history(*, ticket: Ticket) -> QuerySet[TicketStatusHistory]:
    return ticket.history.all()


def ticket_attachments(*, ticket: Ticket) -> QuerySet[Attachment]:
    return ticket.attachments.all()
