"""The admin's email preview: what each type's email looks like, with sample content."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/notifications/notifications/notification/preview/{kind}/"


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "s3cret-pass-word")
    client.force_login(user)
    return client


def test_it_renders_the_html_email_with_the_sample_deep_link(superuser_client, web_url):
    # when
    response = superuser_client.get(PREVIEW.format(kind="assignment"))

    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f'href="{web_url}/tasks/42"' in html
    assert "A task is now yours." in html
    assert "TKT-2026-000042: sample assignment" in html


def test_format_text_gives_the_subject_and_the_text_part(superuser_client, web_url):
    # when
    response = superuser_client.get(PREVIEW.format(kind="sla_warning"), {"format": "text"})

    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert text.startswith("Subject: [TTS] TKT-2026-000042: sample sla warning\n")
    assert f"Open the task: {web_url}/tasks/42" in text
    assert "<" not in text


def test_an_unknown_type_is_404(superuser_client):
    response = superuser_client.get(PREVIEW.format(kind="birthday"))

    assert response.status_code == 404
    assert b"assignment" in response.content


def test_someone_not_signed_in_is_sent_to_the_login_page(client):
    response = client.get(PREVIEW.format(kind="assignment"))

    assert response.status_code == 302
    assert "/admin/notifications/login/" in response["Location"]
