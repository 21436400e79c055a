from django.contrib import admin

from realtime.models import TicketViewer


@admin.register(TicketViewer)
class TicketViewerAdmin(admin.ModelAdmin):
    """Who has which ticket open now (rows older than the heartbeat window are stale)."""

    list_display = ["ticket_number", "user_name", "user_id", "is_staff", "connected_at", "last_seen"]
    search_fields = ["ticket_number", "user_id", "user_name"]
    readonly_fields = list_display + ["channel_name"]

    def has_add_permission(self, request):
        return False
