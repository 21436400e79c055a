from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers

from notifications.models import Notification
from tts_common.messages import NOTIFICATION_TYPES


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "type", "title", "body", "link", "data", "is_read", "created_at"]
        read_only_fields = fields


class NotificationUpdateSerializer(serializers.Serializer):
    is_read = serializers.BooleanField()


class ChannelsSerializer(serializers.Serializer):
    in_app = serializers.BooleanField()
    email = serializers.BooleanField()


class PreferencesSerializer(serializers.Serializer):
    """``{"<type>": {"in_app": bool, "email": bool}, ...}``; a PUT may name only some types."""

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"detail": "Send an object keyed by notification type."})
        unknown = sorted(set(data) - set(NOTIFICATION_TYPES))
        if unknown:
            raise serializers.ValidationError({name: ["Not a notification type."] for name in unknown})
        cleaned, errors = {}, {}
        for kind, channels in data.items():
            channel = ChannelsSerializer(data=channels)
            if channel.is_valid():
                cleaned[kind] = channel.validated_data
            else:
                errors[kind] = channel.errors
        if errors:
            raise serializers.ValidationError(errors)
        return cleaned

    def to_representation(self, instance):
        return instance


class PreferencesSchema(OpenApiSerializerExtension):
    """The schema names each notification type (the serializer itself declares no fields)."""

    target_class = PreferencesSerializer

    def map_serializer(self, auto_schema, direction):
        channels = auto_schema.resolve_serializer(ChannelsSerializer, direction).ref
        schema = {
            "type": "object",
            "properties": {kind: channels for kind in NOTIFICATION_TYPES},
            "additionalProperties": False,
        }
        if direction == "response":  # every type, the user's choices over the defaults
            schema["required"] = list(NOTIFICATION_TYPES)
        return schema
