import pytest


@pytest.fixture
def client(client_as):
    return client_as(roles=["tts:Agent"])


def test_django_validation_error_with_fields_is_400_with_field_errors(client):
    response = client.get("/api/v1/failing/field-validation/")

    assert response.status_code == 400
    assert response.json() == {"title": ["Title is required."], "priority": ["Unknown priority."]}


def test_django_validation_error_without_fields_is_400_under_detail(client):
    response = client.get("/api/v1/failing/plain-validation/")

    assert response.status_code == 400
    assert response.json() == {"detail": ["The ticket is closed."]}


def test_drf_validation_error_with_a_bare_message_is_400_under_detail_not_a_list(client):
    response = client.get("/api/v1/failing/bare-validation/")

    assert response.status_code == 400
    assert response.json() == {"detail": ["Null characters are not allowed."]}


def test_http404_is_404_with_a_detail(client):
    response = client.get("/api/v1/failing/not-found/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_django_permission_denied_is_403_with_a_detail(client):
    response = client.get("/api/v1/failing/permission/")

    assert response.status_code == 403
    assert set(response.json()) == {"detail"}


def test_conflict_is_409_with_a_detail(client):
    response = client.get("/api/v1/failing/conflict/")

    assert response.status_code == 409
    assert response.json() == {"detail": "The ticket was changed by someone else."}


def test_page_has_count_next_previous_results(client):
    response = client.get("/api/v1/numbers/")

    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 250
    assert body["previous"] is None
    assert body["next"].endswith("/api/v1/numbers/?page=2")
    assert [item["n"] for item in body["results"]] == list(range(20))


def test_page_size_is_capped_at_100(client):
    body = client.get("/api/v1/numbers/?page_size=1000").json()

    assert len(body["results"]) == 100
    assert body["results"][-1] == {"n": 99}
    assert "page_size=1000" in body["next"] and "page=2" in body["next"]


def test_page_size_and_page_are_honoured_below_the_cap(client):
    body = client.get("/api/v1/numbers/?page_size=7&page=3").json()

    assert [item["n"] for item in body["results"]] == list(range(14, 21))
    assert "page=2" in body["previous"] and "page=4" in body["next"]


def test_last_page_has_no_next(client):
    body = client.get("/api/v1/numbers/?page_size=100&page=3").json()

    assert [item["n"] for item in body["results"]] == list(range(200, 250))
    assert body["next"] is None


def test_page_past_the_end_is_404(client):
    response = client.get("/api/v1/numbers/?page=99")

    assert response.status_code == 404


def test_an_api_path_no_view_answers_is_a_json_404(client):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_path_outside_the_api_keeps_django_s_own_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
