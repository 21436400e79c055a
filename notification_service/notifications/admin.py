from django.contrib import admin
from django.http import HttpResponse
from django.urls import path

from notifications.models import Delivery, Notification, OutboxMessage, Preference
from notifications.services import email_render
from tts_common.admin import OutboxMessageAdmin
from tts_common.messages import NOTIFICATION_TYPES


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    fields = ["channel", "status", "attempts", "last_error", "sent_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "type", "user_id", "email", "title", "in_app", "is_read"]
    list_filter = ["type", "in_app", "is_read"]
    search_fields = ["user_id", "email", "title", "event_id"]
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]
    readonly_fields = ["event_id", "created_at"]

    def get_urls(self):
        return [
            path(
                "preview/<str:kind>/", self.admin_site.admin_view(self.preview), name="notification-preview"
            ),
            *super().get_urls(),
        ]

    def preview(self, request, kind: str):
        """The email a notification of ``kind`` becomes, with sample content (?format=text for the text part)."""
        if kind not in NOTIFICATION_TYPES:
            return HttpResponse(f"Unknown type. Try one of: {', '.join(NOTIFICATION_TYPES)}", status=404)
        sample = Notification(
            type=kind,
            title=f"TKT-2026-000042: sample {kind.replace('_', ' ')}",
            body="Printer on floor 3 jams.",
            link="/tasks/42",
            email="someone@example.com",
        )
        subject, text, html = email_render(sample)
        if request.GET.get("format") == "text":
            return HttpResponse(f"Subject: {subject}\n\n{text}", content_type="text/plain; charset=utf-8")
        return HttpResponse(html)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "notification", "channel", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["notification__email", "last_error"]
    list_select_related = ["notification"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Delivery._meta.fields]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user_id", "type", "in_app", "email"]
    list_filter = ["type"]
    search_fields = ["user_id"]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
