import pytest


@pytest.fixture
def rita(client_as):
    return client_as(user_id="101", email="rita@example.com", name="Rita Requester", roles=[])
