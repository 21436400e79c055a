from rest_framework import serializers

from accounts.models import AuditEvent, Role, System, User, UserSystemRole
from accounts.selectors import user_role_names


class TokenObtainSerializer(serializers.Serializer):
    username = serializers.EmailField(help_text="The account's email address.")
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        help_text="Authenticator code, when the account has one.",
    )


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField(
        required=False, max_length=8192, help_text="Omit to use the refresh_token cookie."
    )


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
            "totp_enabled",
            "date_joined",
            "last_login",
        ]
        read_only_fields = fields

    def get_roles(self, user: User) -> list[str]:
        # Beside a token, the roles that token carries; elsewhere, every role held.
        return user_role_names(user=user, second_factor=self.context.get("second_factor", True))


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = UserSerializer()
    totp_enrolment_required = serializers.BooleanField()


class ProfileUpdateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    department = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = serializers.RegexField(r"^[0-9 +()./-]{0,32}$", required=False, allow_blank=True, max_length=32)


class PasswordChangeSerializer(serializers.Serializer):
    current_password = serializers.CharField(max_length=256, trim_whitespace=False)
    new_password = serializers.CharField(max_length=256, trim_whitespace=False)


class PasswordResetRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetConfirmSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(max_length=256, trim_whitespace=False)


class TotpCodeSerializer(serializers.Serializer):
    code = serializers.RegexField(r"^\d{6}$", error_messages={"invalid": "Enter the 6-digit code."})


class DirectoryUserSerializer(serializers.ModelSerializer):
    """What colleagues and services may know of an account: enough to mention it."""

    name = serializers.CharField(source="full_name", read_only=True)
    handle = serializers.SerializerMethodField(help_text="What ``@handle`` names this user (or the email).")
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "name", "handle", "department", "roles"]
        read_only_fields = fields

    def get_handle(self, user: User) -> str:
        return f"{user.first_name} {user.last_name}".strip().lower().replace(" ", ".")

    def get_roles(self, user: User) -> list[str]:
        return user_role_names(user=user, second_factor=True)


class AdminUserSerializer(UserSerializer):
    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "is_active"]
        read_only_fields = fields


class UserInviteSerializer(ProfileUpdateSerializer):
    email = serializers.EmailField()


class SystemSerializer(serializers.ModelSerializer):
    class Meta:
        model = System
        fields = ["id", "slug", "name", "require_totp"]
        read_only_fields = fields


class RoleSerializer(serializers.ModelSerializer):
    system = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Role
        fields = ["id", "system", "name", "description", "is_custom", "version"]
        read_only_fields = ["id", "system", "is_custom", "version"]
        extra_kwargs = {"name": {"max_length": 100}}


class RoleWriteSerializer(serializers.Serializer):
    name = serializers.RegexField(
        r"^[\w][\w &.-]{0,99}$",
        max_length=100,
        error_messages={
            "invalid": "Use letters, digits, spaces and & . - only.",
        },
    )
    description = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class RoleMemberSerializer(serializers.ModelSerializer):
    """A user holding a role, as workflow_api's replica needs them."""

    id = serializers.IntegerField(source="user.id")
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.full_name")
    is_active = serializers.BooleanField(source="user.is_active")
    grant_id = serializers.IntegerField(source="id")
    grant_version = serializers.IntegerField(source="version")

    class Meta:
        model = UserSystemRole
        fields = ["id", "email", "name", "is_active", "grant_id", "grant_version", "granted_at"]
        read_only_fields = fields


class GrantSerializer(serializers.ModelSerializer):
    user = serializers.SerializerMethodField()
    role = RoleSerializer(read_only=True)
    granted_by = serializers.SerializerMethodField()

    class Meta:
        model = UserSystemRole
        fields = ["id", "user", "role", "is_active", "granted_by", "granted_at", "version"]
        read_only_fields = fields

    def get_user(self, grant) -> dict:
        return {"id": grant.user_id, "email": grant.user.email, "name": grant.user.full_name}

    def get_granted_by(self, grant) -> dict | None:
        if grant.granted_by_id is None:
            return None
        return {"id": grant.granted_by_id, "email": grant.granted_by.email}


class GrantCreateSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1)
    role_id = serializers.IntegerField(min_value=1)


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "kind",
            "actor_id",
            "actor_email",
            "target_user_id",
            "email",
            "ip",
            "user_agent",
            "detail",
            "created_at",
        ]
        read_only_fields = fields
