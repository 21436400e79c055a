import django_filters

from tickets.models import Ticket
from tts_common.filters import FilterSet, IsoDateTimeFilter


class TicketFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=Ticket._meta.get_field("status").choices)
    priority = django_filters.ChoiceFilter(choices=Ticket._meta.get_field("priority").choices)
    category = django_filters.CharFilter()
    subcategory = django_filters.CharFilter()
    department = django_filters.CharFilter()
    requester = django_filters.CharFilter(field_name="requester_id")
    assignee = django_filters.CharFilter(
        method="filter_assignee", help_text='A user id, or "none" for unassigned.'
    )
    created_after = IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Ticket
        fields: list[str] = []

    def filter_assignee(self, queryset, name, value):
        return queryset.filter(assignee_id="" if value == "none" else value)
