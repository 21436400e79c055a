"""Django admin for operators. Role and grant changes go through the same services as the
API, so they are audited and synced to workflow_api too."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts import role_services, services
from accounts.models import AuditEvent, OutboxMessage, Role, System, User, UserSystemRole
from tts_common.admin import OutboxMessageAdmin


class _Operator:
    """An admin user acting through the services (they check ``<system>:Admin``;
    a Django superuser is trusted with every system)."""

    def __init__(self, user: User):
        self.id = user.id
        self.email = user.email
        self._superuser = user.is_superuser

    def has_role(self, role: str) -> bool:
        return self._superuser


class GrantInline(admin.TabularInline):
    model = UserSystemRole
    fk_name = "user"
    extra = 0
    fields = ["role", "is_active", "granted_by", "granted_at", "version"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "department",
        "is_active",
        "totp_enabled",
        "last_login",
    ]
    list_filter = ["is_active", "is_staff", "totp_enabled", "department"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [GrantInline]
    readonly_fields = ["last_login", "date_joined", "totp_enabled"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "department", "phone"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "totp_enabled"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        if change and "is_active" in form.changed_data:
            active = obj.is_active
            obj.is_active = not active
            super().save_model(request, obj, form, change)
            services.user_set_active(actor=_Operator(request.user), user=obj, active=active, request=request)
        else:
            super().save_model(request, obj, form, change)


@admin.register(System)
class SystemAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "require_totp"]
    search_fields = ["slug", "name"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "system", "is_custom", "version"]
    list_filter = ["system", "is_custom"]
    search_fields = ["name", "system__slug"]
    list_select_related = ["system"]
    readonly_fields = ["version", "is_custom"]

    def save_model(self, request, obj, form, change):
        actor = _Operator(request.user)
        if change:
            fields = {
                name: form.cleaned_data[name] for name in form.changed_data if name in {"name", "description"}
            }
            role_services.role_update(
                actor=actor, role=Role.objects.get(pk=obj.pk), request=request, **fields
            )
        else:
            created = role_services.role_create(
                actor=actor, system=obj.system, name=obj.name, description=obj.description, request=request
            )
            obj.pk = created.pk

    def delete_model(self, request, obj):
        role_services.role_delete(actor=_Operator(request.user), role=obj, request=request)

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.is_custom


@admin.register(UserSystemRole)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "is_active", "granted_by", "granted_at"]
    list_filter = ["is_active", "role__system", "role"]
    search_fields = ["user__email", "role__name"]
    list_select_related = ["user", "role", "role__system", "granted_by"]
    autocomplete_fields = ["user", "role"]
    fields = ["user", "role", "is_active", "granted_by", "granted_at", "version"]
    readonly_fields = ["granted_by", "granted_at", "version"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "user", "role"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        actor = _Operator(request.user)
        if obj.is_active:
            grant = role_services.grant_set(actor=actor, user=obj.user, role=obj.role, request=request)
        else:
            grant = role_services.grant_revoke(
                actor=actor, grant=UserSystemRole.objects.get(pk=obj.pk), request=request
            )
        obj.pk = grant.pk

    def has_delete_permission(self, request, obj=None):
        return False  # revoke (untick "active") instead: the history and the sync stay right


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "actor_email", "email", "target_user_id", "ip"]
    list_filter = ["kind"]
    search_fields = ["actor_email", "email", "ip"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(OutboxMessage, OutboxMessageAdmin)
