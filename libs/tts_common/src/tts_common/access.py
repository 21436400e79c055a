"""Who may see a ticket: the one rule, read by ticket_service (as a query) and by
messaging_service (against a ticket it fetched, e.g. to decide whom a mention may reach)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tts_common.authentication import TokenUser


def ticket_visibility_terms(user: TokenUser) -> list[tuple[str, str]] | None:
    """``None`` when ``user`` sees every ticket (admins, services); otherwise ``(field, value)``
    pairs, any one of which matching a ticket lets the user see it: requesters their own
    tickets, agents also those assigned to them and those of their department."""
    if user.is_admin() or user.is_service:
        return None
    terms = [("requester_id", str(user.id))]
    if user.holds_role_in("tts"):
        terms.append(("assignee_id", str(user.id)))
        if user.department:
            terms.append(("department", user.department))
    return terms


def ticket_visible(user: TokenUser, ticket: Mapping[str, Any]) -> bool:
    """May ``user`` see ``ticket`` (a mapping with ``requester_id``, ``assignee_id``, ``department``)?"""
    terms = ticket_visibility_terms(user)
    return terms is None or any(value and str(ticket.get(field) or "") == value for field, value in terms)
