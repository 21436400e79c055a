from django.contrib import admin

from notifications.models import Notification, OutboxMessage
from tts_common.admin import OutboxMessageAdmin


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["type", "user_id", "title", "is_read", "created_at"]
    list_filter = ["type", "is_read"]
    search_fields = ["user_id", "title", "event_id"]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
