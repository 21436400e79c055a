from django.contrib import admin


class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only view of a service's outbox: what was published, what waits, and why."""

    list_display = ["id", "task_name", "queue", "created_at", "published_at", "attempts"]
    list_filter = ["task_name", ("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["id"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False
