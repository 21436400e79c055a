from django.contrib import admin

from engine.models import (
    RoundRobinPointer,
    Task,
    TaskItem,
    TaskItemHistory,
    UserAvailability,
    items_sort_keys_sync,
)


class TaskItemInline(admin.TabularInline):
    model = TaskItem
    extra = 0
    fields = ["step_name", "assignee_email", "status", "reason", "assigned_at", "acted_at", "action_label"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["id", "ticket", "workflow", "status", "outcome", "owner_name", "created_at"]
    list_filter = ["status", "outcome", "workflow"]
    search_fields = ["ticket__ticket_number", "owner_name"]
    list_select_related = ["ticket", "workflow"]
    inlines = [TaskItemInline]
    readonly_fields = [
        "ticket",
        "workflow",
        "version",
        "current_step_id",
        "path",
        "created_at",
        "completed_at",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        items_sort_keys_sync(obj)  # a due time edited here orders my tasks too


@admin.register(TaskItem)
class TaskItemAdmin(admin.ModelAdmin):
    list_display = ["task", "step_name", "assignee_email", "status", "reason", "assigned_at"]
    list_filter = ["status", "reason"]
    search_fields = ["assignee_email", "task__ticket__ticket_number"]
    list_select_related = ["task__ticket"]
    readonly_fields = TaskItem.SORT_KEYS  # copies of the task's (TaskAdmin keeps them)


@admin.register(TaskItemHistory)
class TaskItemHistoryAdmin(admin.ModelAdmin):
    list_display = ["item", "event", "actor_id", "at"]
    list_filter = ["event"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UserAvailability)
class UserAvailabilityAdmin(admin.ModelAdmin):
    list_display = ["user_id", "is_available", "delegate_id", "updated_at"]
    list_filter = ["is_available"]


@admin.register(RoundRobinPointer)
class RoundRobinPointerAdmin(admin.ModelAdmin):
    list_display = ["role_id", "position"]

    def has_change_permission(self, request, obj=None):
        return False
