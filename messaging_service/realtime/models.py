from django.db import models


class TicketViewer(models.Model):
    """One open ``/ws/tickets/<number>/`` connection: presence shared by every ASGI process.

    A row whose ``last_seen`` is older than the heartbeat window is a connection that died
    without saying goodbye (a killed process) and is no longer counted."""

    channel_name = models.CharField(max_length=200, primary_key=True)
    ticket_number = models.CharField(max_length=64)
    user_id = models.CharField(max_length=64)
    user_name = models.CharField(max_length=255, blank=True)
    is_staff = models.BooleanField(default=False)
    connected_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["ticket_number", "last_seen"], name="viewer_ticket_seen")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.ticket_number}"
