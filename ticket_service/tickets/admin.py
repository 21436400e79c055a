from django.contrib import admin

from tickets.models import OutboxMessage, Ticket
from tts_common.admin import OutboxMessageAdmin


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["number", "subject", "status", "priority", "department", "requester_email", "created_at"]
    list_filter = ["status", "priority", "source", "is_deleted"]
    search_fields = ["number", "subject", "requester_email"]
    readonly_fields = ["number", "created_at", "updated_at"]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
