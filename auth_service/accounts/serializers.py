from rest_framework import serializers

from accounts.models import User
from accounts.selectors import user_role_names


class TokenObtainSerializer(serializers.Serializer):
    username = serializers.EmailField(help_text="The account's email address.")
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})


class UserSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name", read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "name",
            "department",
            "phone",
            "roles",
            "date_joined",
        ]
        read_only_fields = fields

    def get_roles(self, user: User) -> list[str]:
        return user_role_names(user=user)


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = UserSerializer()
