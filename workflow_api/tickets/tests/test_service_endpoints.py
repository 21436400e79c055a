"""The paths every service answers (the kernel's contract, for workflow_api)."""

from tts_common.testing import ServiceEndpointsContract


class TestServiceEndpoints(ServiceEndpointsContract):
    short = "workflow"
    service = "workflow_api"
    paths = {"/api/v1/workflow-tickets/", "/api/v1/workflow-tickets/{ticket_number}/"}
