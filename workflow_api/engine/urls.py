from django.urls import path

from engine import apis

urlpatterns = [
    path("tasks/", apis.TaskListApi.as_view(), name="task-list"),
    path("tasks/unassigned/", apis.UnassignedApi.as_view(), name="task-unassigned"),
    path("tasks/availability/", apis.AvailabilityApi.as_view(), name="task-availability"),
    path("tasks/<int:task_id>/", apis.TaskDetailApi.as_view(), name="task-detail"),
    path(
        "tasks/<int:task_id>/available-actions/",
        apis.AvailableActionsApi.as_view(),
        name="task-available-actions",
    ),
    path("tasks/<int:task_id>/action/", apis.TaskActionApi.as_view(), name="task-action"),
    path("tasks/<int:task_id>/start/", apis.TaskStartApi.as_view(), name="task-start"),
    path("tasks/<int:task_id>/transfer/", apis.TaskTransferApi.as_view(), name="task-transfer"),
    path(
        "tasks/<int:task_id>/transfer-candidates/",
        apis.TransferCandidatesApi.as_view(),
        name="task-transfer-candidates",
    ),
    path("tasks/<int:task_id>/escalate/", apis.TaskEscalateApi.as_view(), name="task-escalate"),
    path("tasks/<int:task_id>/hold/", apis.TaskHoldApi.as_view(), name="task-hold"),
    path("tasks/<int:task_id>/resume/", apis.TaskResumeApi.as_view(), name="task-resume"),
    path("tasks/<int:task_id>/assign/", apis.TaskAssignApi.as_view(), name="task-assign"),
    path(
        "workflow-tickets/<str:ticket_number>/assign-workflow/",
        apis.AssignWorkflowApi.as_view(),
        name="ticket-assign-workflow",
    ),
]
