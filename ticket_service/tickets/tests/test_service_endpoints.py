"""The paths every service answers (the kernel's contract, for ticket_service)."""

from tts_common.testing import ServiceEndpointsContract


class TestServiceEndpoints(ServiceEndpointsContract):
    short = "tickets"
    service = "ticket_service"
    paths = {"/api/v1/tickets/", "/api/v1/tickets/{id}/"}
