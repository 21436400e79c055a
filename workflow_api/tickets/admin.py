from django.contrib import admin

from tickets.models import OutboxMessage, WorkflowTicket
from tts_common.admin import OutboxMessageAdmin


@admin.register(WorkflowTicket)
class WorkflowTicketAdmin(admin.ModelAdmin):
    list_display = ["ticket_number", "subject", "status", "priority", "department", "received_at"]
    list_filter = ["status", "priority", "department"]
    search_fields = ["ticket_number", "subject"]
    readonly_fields = ["received_at", "updated_at"]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
