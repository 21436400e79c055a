"""/api/v1/calendars/: admins define working time; the preview answers when a target ends."""

import pytest

from calendars.models import Calendar
from tts_common.fuzzing import assert_conforms

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendars/"
BERLIN_OFFICE = {
    "name": "Berlin office",
    "time_zone": "Europe/Berlin",
    "intervals": [{"weekday": d, "start": "09:00", "end": "12:00"} for d in range(5)]
    + [{"weekday": d, "start": "13:00", "end": "17:00"} for d in range(5)],
    "holidays": [{"date": "2026-12-25", "name": "Christmas", "recurring_yearly": True}],
}


@pytest.fixture
def admin(client_as):
    return client_as(user_id="1", roles=["tts:Admin"])


def test_the_default_calendars_exist(admin):
    names = [c["name"] for c in admin.get(URL).json()["results"]]
    assert {"24×7", "Mon–Fri 09:00–17:00"} <= set(names)


def test_an_admin_creates_a_calendar_with_a_lunch_break_and_holidays(admin):
    response = admin.post(URL, BERLIN_OFFICE, format="json")

    assert response.status_code == 201, response.content
    calendar = Calendar.objects.get(name="Berlin office")
    assert calendar.intervals.count() == 10
    assert calendar.holidays.get().recurring_yearly is True
    assert response.json()["intervals"][0] == {"weekday": 0, "start": "09:00", "end": "12:00"}


def test_the_preview_counts_business_time_across_lunch_and_weekend(admin):
    calendar_id = admin.post(URL, BERLIN_OFFICE, format="json").json()["id"]

    # Friday 16:00 Berlin (15:00 UTC): one hour that day, three on Monday 09:00-12:00
    response = admin.get(f"{URL}{calendar_id}/preview/", {"minutes": 240, "start": "2026-11-27T15:00:00Z"})

    assert response.status_code == 200
    assert response.json()["due_at"] == "2026-11-30T11:00:00Z"  # Monday 12:00 Berlin, just before lunch

    # and one minute more resumes after lunch
    later = admin.get(f"{URL}{calendar_id}/preview/", {"minutes": 241, "start": "2026-11-27T15:00:00Z"})
    assert later.json()["due_at"] == "2026-11-30T12:01:00Z"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"intervals": [{"weekday": 7, "start": "09:00", "end": "17:00"}]}, "intervals"),
        ({"intervals": [{"weekday": 0, "start": "17:00", "end": "09:00"}]}, "intervals"),
        ({"intervals": [{"weekday": 0, "start": "9am", "end": "17:00"}]}, "intervals"),
        (
            {
                "intervals": [
                    {"weekday": 0, "start": "09:00", "end": "13:00"},
                    {"weekday": 0, "start": "12:00", "end": "17:00"},
                ]
            },
            "intervals",
        ),
        ({"intervals": []}, "intervals"),
        ({"holidays": [{"date": "2026-12-25"}, {"date": "2026-12-25"}]}, "holidays"),
    ],
    ids=[
        "unknown zone",
        "weekday 7",
        "backwards",
        "not HH:MM",
        "overlap",
        "no working time",
        "holiday twice",
    ],
)
def test_bad_calendars_are_400_naming_the_field(admin, change, field):
    response = admin.post(URL, {**BERLIN_OFFICE, **change}, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_a_bad_preview_is_400(admin):
    calendar = Calendar.objects.first()
    assert admin.get(f"{URL}{calendar.pk}/preview/", {"minutes": "-5"}).status_code == 400
    assert (
        admin.get(f"{URL}{calendar.pk}/preview/", {"minutes": "10", "start": "yesterday"}).status_code == 400
    )


def test_only_admins_manage_calendars(client_as, api_client):
    assert api_client.get(URL).status_code == 401
    agent = client_as(user_id="2", roles=["tts:IT Support"])
    assert agent.get(URL).status_code == 403
    assert agent.post(URL, BERLIN_OFFICE, format="json").status_code == 403


def test_a_calendar_in_use_cannot_be_deleted(admin):
    from workflows.models import Workflow

    calendar = Calendar.objects.first()
    Workflow.objects.create(name="W", department="IT", category="X", calendar=calendar)

    response = admin.delete(f"{URL}{calendar.pk}/")

    assert response.status_code == 409
    assert_conforms("workflow", "DELETE /api/v1/calendars/{id}/", response)
