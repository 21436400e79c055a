import re

from rest_framework import serializers

from calendars.models import Calendar, Holiday, WorkingInterval, validate_time_zone

HHMM = re.compile(r"^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$")


def minutes_of(value: str) -> int:
    if value == "24:00":
        return 1440
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class IntervalSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="0 = Monday")
    start = serializers.RegexField(HHMM, error_messages={"invalid": 'Use "HH:MM" (00:00 to 24:00).'})
    end = serializers.RegexField(HHMM, error_messages={"invalid": 'Use "HH:MM" (00:00 to 24:00).'})

    def to_representation(self, interval: WorkingInterval):
        return {
            "weekday": interval.weekday,
            "start": hhmm(interval.start_minute),
            "end": hhmm(interval.end_minute),
        }

    def validate(self, attrs):
        start, end = minutes_of(attrs["start"]), minutes_of(attrs["end"])
        if start >= end:
            raise serializers.ValidationError("An interval must start before it ends.")
        return {"weekday": attrs["weekday"], "start_minute": start, "end_minute": end}


class HolidaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Holiday
        fields = ["date", "name", "recurring_yearly"]


class CalendarSerializer(serializers.ModelSerializer):
    time_zone = serializers.CharField(max_length=64, validators=[validate_time_zone])
    intervals = IntervalSerializer(many=True)
    holidays = HolidaySerializer(many=True, required=False, default=list)

    class Meta:
        model = Calendar
        fields = ["id", "name", "time_zone", "intervals", "holidays", "updated_at"]
        read_only_fields = ["id", "updated_at"]

    def validate_holidays(self, holidays):
        dates = [h["date"] for h in holidays]
        if len(dates) != len(set(dates)):
            raise serializers.ValidationError("A date is listed twice.")
        return holidays


class PreviewSerializer(serializers.Serializer):
    minutes = serializers.IntegerField(min_value=1, max_value=60 * 24 * 366)
    start = serializers.DateTimeField(required=False)
