from django.contrib import admin

from tickets.models import Attachment, OutboxMessage, Ticket, TicketStatusHistory
from tts_common.admin import OutboxMessageAdmin


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["name", "content_type", "size", "uploaded_by_name", "created_at"]
    readonly_fields = fields


class HistoryInline(admin.TabularInline):
    model = TicketStatusHistory
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "assignee_name", "sla_due_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "subject",
        "status",
        "priority",
        "department",
        "requester_email",
        "assignee_name",
        "created_at",
    ]
    list_filter = ["status", "priority", "source", "is_deleted", "department"]
    search_fields = ["number", "subject", "requester_email"]
    readonly_fields = ["number", "created_at", "updated_at", "status", "status_changed_at", "resolved_at"]
    inlines = [AttachmentInline, HistoryInline]
    date_hierarchy = "created_at"


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "ticket", "content_type", "size", "uploaded_by_name", "created_at"]
    search_fields = ["name", "ticket__number", "sha256"]
    list_select_related = ["ticket"]
    readonly_fields = [
        "ticket",
        "file",
        "name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by_id",
        "uploaded_by_name",
    ]


@admin.register(TicketStatusHistory)
class TicketStatusHistoryAdmin(admin.ModelAdmin):
    list_display = ["ticket", "from_status", "to_status", "assignee_name", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["ticket__number", "event_id"]
    list_select_related = ["ticket"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in TicketStatusHistory._meta.fields]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
