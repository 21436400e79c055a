"""Per-type preferences: the defaults, the API, and how they decide in-app and email."""

import pytest

from notifications.models import Delivery, Notification, OutboxMessage, Preference
from notifications.services import preferences_for
from notifications.tests.factories import PreferenceFactory
from tts_common.fuzzing import assert_conforms, schema
from tts_common.messages import NOTIFICATION_TYPES

pytestmark = pytest.mark.django_db

PREFERENCES = "/api/v1/notifications/preferences/"
NOTIFICATIONS = "/api/v1/notifications/"


# --- defaults ---------------------------------------------------------------------------


def test_without_choices_every_type_shows_in_app():
    assert {kind: p["in_app"] for kind, p in preferences_for(user_id="101").items()} == dict.fromkeys(
        NOTIFICATION_TYPES, True
    )


@pytest.mark.parametrize(
    ("kind", "emailed"),
    [("assignment", True), ("sla_breach", True), ("sla_warning", False), ("task_completed", False)],
)
def test_by_default_email_comes_only_for_what_needs_acting_on(kind, emailed):
    assert preferences_for(user_id="101")[kind]["email"] is emailed


def test_the_schema_names_every_type_in_the_body_and_the_answer(rita):
    # the fuzzer found the schema declaring no body for PUT and no content for the answer
    put = schema("notifications")["/api/v1/notifications/preferences/"]["PUT"]

    assert put.body, "PUT documents its body"
    assert_conforms("notifications", "GET /api/v1/notifications/preferences/", rita.get(PREFERENCES))
    changed = rita.put(PREFERENCES, {"digest": {"in_app": False, "email": True}}, format="json")
    assert changed.status_code == 200
    assert_conforms("notifications", "PUT /api/v1/notifications/preferences/", changed)
    refused = rita.put(PREFERENCES, {"no-such-type": {"in_app": True, "email": True}}, format="json")
    assert refused.status_code == 400
    assert_conforms("notifications", "PUT /api/v1/notifications/preferences/", refused)


def test_get_returns_every_type_with_both_channels(rita):
    # when
    response = rita.get(PREFERENCES)

    # then
    assert response.status_code == 200
    assert list(response.data) == NOTIFICATION_TYPES
    assert all(set(channels) == {"in_app", "email"} for channels in response.data.values())
    assert response.data["assignment"] == {"in_app": True, "email": True}
    assert response.data["sla_warning"] == {"in_app": True, "email": False}
    assert response.data["task_completed"] == {"in_app": True, "email": False}


def test_get_shows_the_callers_choices_not_anyone_elses(rita):
    # given
    PreferenceFactory(user_id="101", type="mention", in_app=False, email=False)
    PreferenceFactory(user_id="202", type="assignment", in_app=False, email=False)

    # when
    response = rita.get(PREFERENCES)

    # then
    assert response.data["mention"] == {"in_app": False, "email": False}
    assert response.data["assignment"] == {"in_app": True, "email": True}


# --- PUT --------------------------------------------------------------------------------


def test_put_changes_only_the_types_it_names(rita):
    # given
    PreferenceFactory(user_id="101", type="mention", in_app=False, email=True)
    before = rita.get(PREFERENCES).data

    # when
    response = rita.put(
        PREFERENCES,
        {"sla_warning": {"in_app": True, "email": True}, "assignment": {"in_app": False, "email": False}},
        format="json",
    )

    # then
    assert response.status_code == 200
    expected = {
        **before,
        "sla_warning": {"in_app": True, "email": True},
        "assignment": {"in_app": False, "email": False},
    }
    assert response.data == expected
    assert rita.get(PREFERENCES).data == expected


def test_put_changes_only_the_callers_preferences(rita):
    # when
    rita.put(PREFERENCES, {"assignment": {"in_app": False, "email": False}}, format="json")

    # then
    assert list(Preference.objects.values_list("user_id", flat=True)) == ["101"]
    assert preferences_for(user_id="202")["assignment"] == {"in_app": True, "email": True}


def test_put_twice_keeps_one_row_per_type(rita):
    rita.put(PREFERENCES, {"mention": {"in_app": False, "email": False}}, format="json")
    rita.put(PREFERENCES, {"mention": {"in_app": True, "email": False}}, format="json")

    assert list(Preference.objects.values_list("type", "in_app", "email")) == [("mention", True, False)]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"birthday": {"in_app": True, "email": True}}, "birthday"),
        ({"assignment": {"in_app": "maybe", "email": True}}, "assignment"),
        ({"assignment": {"in_app": True, "email": [1]}}, "assignment"),
        ({"assignment": {"in_app": True}}, "assignment"),
        ({"assignment": "off"}, "assignment"),
    ],
    ids=["unknown type", "non-boolean in_app", "non-boolean email", "missing channel", "not an object"],
)
def test_put_with_a_bad_entry_is_400_naming_it_and_changes_nothing(rita, body, named):
    # given a valid entry alongside the bad one
    body = {"mention": {"in_app": False, "email": False}, **body}

    # when
    response = rita.put(PREFERENCES, body, format="json")

    # then
    assert response.status_code == 400
    assert named in response.data
    assert "mention" not in response.data
    assert not Preference.objects.exists()


def test_put_of_a_non_object_is_400(rita):
    response = rita.put(PREFERENCES, ["assignment"], format="json")

    assert response.status_code == 400
    assert not Preference.objects.exists()


@pytest.mark.parametrize("method", ["get", "put"])
def test_preferences_need_a_token(api_client, method):
    response = getattr(api_client, method)(PREFERENCES, {}, format="json")

    assert response.status_code == 401


# --- how preferences decide the channels ------------------------------------------------


def test_email_turned_off_still_shows_in_app_but_sends_nothing(receive, rita):
    # given
    PreferenceFactory(user_id="101", type="assignment", in_app=True, email=False)

    # when
    notification, _ = receive(type="assignment", channels=["inapp", "email"])

    # then
    assert notification.in_app is True
    assert not Delivery.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert [n["id"] for n in rita.get(NOTIFICATIONS).data["results"]] == [notification.id]


def test_in_app_turned_off_hides_it_but_still_emails(receive, rita):
    # given
    PreferenceFactory(user_id="101", type="assignment", in_app=False, email=True)

    # when
    notification, _ = receive(type="assignment", channels=["inapp", "email"])

    # then
    assert notification.in_app is False
    assert Delivery.objects.get().notification == notification
    assert rita.get(NOTIFICATIONS).data["count"] == 0
    assert rita.get(f"{NOTIFICATIONS}unread-count/").data == {"unread": 0}


def test_email_turned_on_for_a_quiet_type_sends_it(receive):
    # given sla_warning is not emailed by default
    PreferenceFactory(user_id="101", type="sla_warning", in_app=True, email=True)

    # when
    receive(type="sla_warning", channels=["inapp", "email"])

    # then
    assert Delivery.objects.count() == 1


def test_a_quiet_type_is_not_emailed_by_default(receive):
    receive(type="task_completed", channels=["inapp", "email"])

    assert Notification.objects.get().in_app is True
    assert not Delivery.objects.exists()


def test_a_password_reset_is_emailed_even_with_email_turned_off(receive):
    # given
    PreferenceFactory(user_id="101", type="password_reset", in_app=True, email=False)

    # when
    notification, _ = receive(type="password_reset", channels=["inapp", "email"])

    # then
    assert Delivery.objects.get().notification == notification
    assert OutboxMessage.objects.count() == 1


def test_a_password_reset_never_shows_in_app(receive, rita):
    # given in-app allowed and asked for
    PreferenceFactory(user_id="101", type="password_reset", in_app=True, email=True)

    # when
    notification, _ = receive(type="password_reset", channels=["inapp", "email"])

    # then
    assert notification.in_app is False
    assert rita.get(NOTIFICATIONS).data["count"] == 0


def test_asking_for_in_app_only_sends_no_email(receive):
    # when
    notification, _ = receive(type="assignment", channels=["inapp"])

    # then
    assert notification.in_app is True
    assert not Delivery.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_asking_for_email_only_is_not_shown_in_app(receive):
    notification, _ = receive(type="assignment", channels=["email"])

    assert notification.in_app is False
    assert Delivery.objects.count() == 1


def test_without_an_address_no_email_is_queued(receive):
    notification, _ = receive(type="assignment", channels=["inapp", "email"], recipient__email="")

    assert notification.in_app is True
    assert not Delivery.objects.exists()
