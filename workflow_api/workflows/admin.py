from django.contrib import admin

from workflows.models import Step, Transition, Workflow, WorkflowVersion


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["name", "role_id", "weight", "escalate_to_role_id", "assignment_mode", "is_start"]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fk_name = "workflow"
    fields = ["from_step", "to_step", "label", "end_status"]


@admin.register(Workflow)
class WorkflowAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "department",
        "category",
        "subcategory",
        "priority",
        "status",
        "is_default",
        "current_version",
    ]
    list_filter = ["status", "department", "is_default"]
    search_fields = ["name", "department", "category"]
    inlines = [StepInline, TransitionInline]
    readonly_fields = ["current_version", "status"]


@admin.register(WorkflowVersion)
class WorkflowVersionAdmin(admin.ModelAdmin):
    list_display = ["workflow", "number", "published_at", "published_by_id"]
    list_filter = ["workflow"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in WorkflowVersion._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
