from django.contrib import admin
from engine.services import task_priority_changed

from tickets.models import OutboxMessage, WorkflowTicket
from tts_common.admin import OutboxMessageAdmin


@admin.register(WorkflowTicket)
class WorkflowTicketAdmin(admin.ModelAdmin):
    list_display = ["ticket_number", "subject", "status", "priority", "department", "received_at"]
    list_filter = ["status", "priority", "department"]
    search_fields = ["ticket_number", "subject"]
    readonly_fields = ["received_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "priority" in form.changed_data:  # as a snapshot with a new priority does
            task_priority_changed(ticket=obj)


admin.site.register(OutboxMessage, OutboxMessageAdmin)
