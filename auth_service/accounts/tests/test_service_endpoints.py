"""The paths every service answers (the kernel's contract, for auth_service)."""

from tts_common.testing import ServiceEndpointsContract


class TestServiceEndpoints(ServiceEndpointsContract):
    short = "auth"
    service = "auth_service"
    paths = {"/api/v1/users/token/", "/api/v1/users/profile/"}
