"""The shared FilterSet builds its form class once per class and still validates and
filters every request on its own."""

import django_filters
import pytest
from django.contrib.auth.models import User

from tts_common.filters import FilterSet, IsoDateTimeFilter, priority_rank_of, priority_rank_sql

pytestmark = pytest.mark.django_db


class UserFilter(FilterSet):
    username = django_filters.CharFilter()
    joined_after = IsoDateTimeFilter(field_name="date_joined", lookup_expr="gte")
    staff = django_filters.BooleanFilter(field_name="is_staff", method="filter_staff")

    class Meta:
        model = User
        fields: list[str] = []

    def filter_staff(self, queryset, name, value):
        return queryset.filter(is_staff=value)


class OtherFilter(FilterSet):
    email = django_filters.CharFilter()

    class Meta:
        model = User
        fields: list[str] = []


@pytest.fixture
def users():
    User.objects.create(username="ann", is_staff=True)
    User.objects.create(username="bob")


def test_the_form_class_is_built_once_per_filterset_class():
    first = UserFilter({"username": "ann"}).get_form_class()

    assert UserFilter({"username": "bob"}).get_form_class() is first
    assert set(first.base_fields) == {"username", "joined_after", "staff"}
    assert set(OtherFilter({}).get_form_class().base_fields) == {"email"}


def test_each_request_gets_its_own_values_and_errors(users):
    ann = UserFilter({"username": "ann"}, queryset=User.objects.all())
    bob = UserFilter({"username": "bob"}, queryset=User.objects.all())
    bad = UserFilter({"joined_after": "yesterday"}, queryset=User.objects.all())

    assert [u.username for u in ann.qs] == ["ann"]
    assert [u.username for u in bob.qs] == ["bob"]
    assert not bad.is_valid()
    assert "joined_after" in bad.errors
    assert UserFilter({"username": "ann"}).is_valid()


def test_each_filterset_and_form_has_its_own_filters_and_fields_and_the_class_keeps_its_own():
    first, second = UserFilter({"username": "ann"}), UserFilter({"username": "bob"})
    form = first.form

    assert all(first.filters[name] is not second.filters[name] for name in first.filters)
    assert first.filters["staff"].parent is first and second.filters["staff"].parent is second
    assert not hasattr(UserFilter.base_filters["staff"], "parent")
    assert all(form.fields[name] is not second.form.fields[name] for name in form.fields)
    assert all(form.fields[name] is not type(form).base_fields[name] for name in form.fields)


def test_method_filters_run_on_their_own_filterset(users):
    staff = UserFilter({"staff": "true"}, queryset=User.objects.all())
    others = UserFilter({"staff": "false"}, queryset=User.objects.all())

    assert [u.username for u in staff.qs] == ["ann"]
    assert [u.username for u in others.qs] == ["bob"]


@pytest.mark.django_db
def test_priority_rank_sql_ranks_as_priority_rank_does():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p, " + priority_rank_sql("p") + " FROM (VALUES ('urgent'), ('high'), ('medium'), ('low'),"
            " ('other')) v(p)"
        )
        assert dict(cursor.fetchall()) == {"urgent": 4, "high": 3, "medium": 2, "low": 1, "other": 1}


def test_priority_rank_of_ranks_as_the_sql_does():
    ranks = {p: priority_rank_of(p) for p in ("urgent", "high", "medium", "low", "other")}
    assert ranks == {"urgent": 4, "high": 3, "medium": 2, "low": 1, "other": 1}
