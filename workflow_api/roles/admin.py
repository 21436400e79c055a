from django.contrib import admin

from roles.models import Role, RoleUser


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["id", "system", "name", "is_deleted", "version", "updated_at"]
    list_filter = ["system", "is_deleted"]
    search_fields = ["name"]

    def has_change_permission(self, request, obj=None):
        return False  # a replica: change roles in auth_service


@admin.register(RoleUser)
class RoleUserAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "is_active", "user_is_active", "version", "updated_at"]
    list_filter = ["is_active", "user_is_active", "role"]
    search_fields = ["email", "name"]
    list_select_related = ["role"]

    def has_change_permission(self, request, obj=None):
        return False
