from django.db.models import QuerySet

from tickets.models import Ticket
from tts_common.authentication import TokenUser


def ticket_list_visible(*, user: TokenUser) -> QuerySet[Ticket]:
    """Tickets ``user`` may see: admins all, everyone else their own (agents widen in a later issue)."""
    tickets = Ticket.objects.filter(is_deleted=False)
    if user.is_admin():
        return tickets
    return tickets.filter(requester_id=str(user.id))
