"""The paths every service answers (the kernel's contract, for notification_service)."""

from tts_common.testing import ServiceEndpointsContract


class TestServiceEndpoints(ServiceEndpointsContract):
    short = "notifications"
    service = "notification_service"
    paths = {"/api/v1/notifications/"}
