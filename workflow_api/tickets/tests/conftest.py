import pytest


@pytest.fixture
def admin(client_as):
    return client_as(user_id="1", email="ada@example.com", name="Ada Admin", roles=["tts:Admin"])


@pytest.fixture
def agent(client_as):
    return client_as(user_id="7", email="alan@example.com", name="Alan Agent", roles=["tts:IT Support"])
