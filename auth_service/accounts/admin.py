from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import OutboxMessage, Role, System, User, UserSystemRole
from tts_common.admin import OutboxMessageAdmin


class GrantInline(admin.TabularInline):
    model = UserSystemRole
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["role"]
    readonly_fields = ["granted_by", "granted_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "department", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff", "department"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [GrantInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "department", "phone"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(System)
class SystemAdmin(admin.ModelAdmin):
    list_display = ["slug", "name"]
    search_fields = ["slug", "name"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "system", "is_custom"]
    list_filter = ["system", "is_custom"]
    search_fields = ["name", "system__slug"]
    list_select_related = ["system"]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
