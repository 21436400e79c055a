from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView
from tickets.models import WorkflowTicket
from tickets.serializers import WorkflowTicketSerializer
from workflows.models import Workflow

from engine import services, task_list
from engine.models import Task, UserAvailability
from engine.selectors import task_visible, unassigned_tickets, waiting_items
from engine.serializers import (
    ActionSerializer,
    AssignSerializer,
    AssignWorkflowSerializer,
    AvailabilitySerializer,
    OptionalReasonSerializer,
    ReasonSerializer,
    TaskDetailSerializer,
    TaskItemSerializer,
    TaskSerializer,
    TransferSerializer,
)
from tts_common.http import validated
from tts_common.permissions import IsTTSAdmin

# Every change to a task checks, under its row lock, that it is still where the caller saw it.
CONFLICT = OpenApiResponse(
    description="The task moved on: completed, on hold (or not), past that step, or nobody holds the step."
)
NOT_A_PERSON = OpenApiResponse(description="Only people have tasks (not service tokens).")


def _task(request, task_id: int) -> Task:
    task = task_visible(user=request.user, task_id=task_id)
    if task is None:
        raise NotFound("No such task that you can see.")
    return task


def _person_id(request) -> int:
    if not str(request.user.id).isdigit():
        raise PermissionDenied("Only people have tasks.")
    return int(request.user.id)


class TaskListApi(GenericAPIView):
    """My tasks (the current step is mine). ``?scope=involved`` adds tasks I worked on or
    own; admins may ask ``?scope=all``. Ordered by due time, then urgency."""

    queryset = Task.objects.none()  # names the model for the schema; rows come from engine.task_list

    @extend_schema(
        parameters=[
            OpenApiParameter("scope", str, enum=list(task_list.SCOPES)),
            OpenApiParameter("status", str, enum=Task.Status.values),
            OpenApiParameter("priority", str, enum=list(task_list.PRIORITIES)),
            OpenApiParameter("workflow", int, description="A workflow's id."),
            OpenApiParameter("department", str, description="The ticket's department."),
            OpenApiParameter(
                "search", str, description="Words each found in the ticket's number or subject."
            ),
            OpenApiParameter(
                "ordering",
                str,
                description="Comma-separated, ``-`` for descending: "
                + ", ".join(task_list.ORDERINGS)
                + ". By default target_resolution_at,-priority_rank,created_at.",
            ),
        ],
        responses={
            200: TaskSerializer(many=True),
            400: OpenApiResponse(description="A filter value the list cannot take."),
            403: OpenApiResponse(description="scope=all is for admins."),
        },
    )
    def get(self, request):
        query = task_list.task_query(request.user, request.query_params)
        page = self.paginate_queryset(task_list.TaskRows(query))
        return self.get_paginated_response(task_list.task_list_render(page))


class TaskDetailApi(APIView):
    @extend_schema(responses={200: TaskDetailSerializer})
    def get(self, request, task_id: int):
        task = _task(request, task_id)
        task = (
            Task.objects.select_related("ticket", "workflow", "version")
            .prefetch_related("items__history")
            .get(pk=task.pk)
        )
        return Response(TaskDetailSerializer(task).data)


class AvailableActionsApi(APIView):
    @extend_schema(
        responses={
            200: inline_serializer(
                "AvailableAction",
                {"id": serializers.CharField(), "label": serializers.CharField()},
                many=True,
            )
        }
    )
    def get(self, request, task_id: int):
        task = _task(request, task_id)
        item = services._current_item(task)
        if not request.user.is_admin() and (item is None or str(item.assignee_id) != str(request.user.id)):
            return Response([])
        return Response(services.available_actions(task=task))


class TaskActionApi(APIView):
    """Perform a transition of the current step: ``{"action_id", "comment"}``."""

    @extend_schema(
        request=ActionSerializer,
        responses={
            200: inline_serializer("ActionResult", {"status": serializers.CharField()}),
            409: CONFLICT,
        },
    )
    def post(self, request, task_id: int):
        _task(request, task_id)
        data = validated(ActionSerializer, request.data)
        return Response(
            services.task_act(
                task_id=task_id,
                actor=request.user,
                action_id=data["action_id"],
                comment=data["comment"],
                request=request,
            )
        )


class TaskStartApi(APIView):
    """The holder opens the step (assigned → in progress)."""

    @extend_schema(request=None, responses={200: TaskItemSerializer, 409: CONFLICT})
    def post(self, request, task_id: int):
        _task(request, task_id)
        item = services.item_start(task_id=task_id, actor=request.user, request=request)
        return Response(TaskItemSerializer(item).data)


class TaskTransferApi(APIView):
    @extend_schema(request=TransferSerializer, responses={200: TaskItemSerializer, 409: CONFLICT})
    def post(self, request, task_id: int):
        _task(request, task_id)
        data = validated(TransferSerializer, request.data)
        item = services.task_transfer(
            task_id=task_id,
            actor=request.user,
            user_id=data["user_id"],
            reason=data["reason"],
            request=request,
        )
        return Response(TaskItemSerializer(item).data)


class TransferCandidatesApi(APIView):
    """For the holder of the current step (or an admin): the colleagues it may be transferred to."""

    @extend_schema(
        responses={
            200: inline_serializer(
                "TransferCandidate",
                {
                    "id": serializers.IntegerField(),
                    "name": serializers.CharField(),
                    "email": serializers.EmailField(),
                },
                many=True,
            ),
            403: OpenApiResponse(description="Only the holder of the current step or an admin."),
        }
    )
    def get(self, request, task_id: int):
        task = _task(request, task_id)
        people = services.transfer_candidates(task=task, actor=request.user)
        return Response([{"id": u.user_id, "name": u.name or u.email, "email": u.email} for u in people])


class TaskEscalateApi(APIView):
    @extend_schema(request=ReasonSerializer, responses={200: TaskItemSerializer, 409: CONFLICT})
    def post(self, request, task_id: int):
        _task(request, task_id)
        data = validated(ReasonSerializer, request.data)
        item = services.task_escalate(
            task_id=task_id, actor=request.user, reason=data["reason"], request=request
        )
        return Response(TaskItemSerializer(item).data)


class TaskHoldApi(APIView):
    @extend_schema(request=ReasonSerializer, responses={200: TaskSerializer, 409: CONFLICT})
    def post(self, request, task_id: int):
        _task(request, task_id)
        data = validated(ReasonSerializer, request.data)
        return Response(
            TaskSerializer(
                services.task_hold(
                    task_id=task_id, actor=request.user, reason=data["reason"], request=request
                )
            ).data
        )


class TaskResumeApi(APIView):
    @extend_schema(request=OptionalReasonSerializer, responses={200: TaskSerializer, 409: CONFLICT})
    def post(self, request, task_id: int):
        _task(request, task_id)
        data = validated(OptionalReasonSerializer, request.data)
        return Response(
            TaskSerializer(
                services.task_resume(
                    task_id=task_id, actor=request.user, reason=data["reason"], request=request
                )
            ).data
        )


class TaskAssignApi(APIView):
    """Admins: hand the current step to a holder of its role."""

    permission_classes = [IsTTSAdmin]

    @extend_schema(request=AssignSerializer, responses={200: TaskItemSerializer, 409: CONFLICT})
    def post(self, request, task_id: int):
        _task(request, task_id)
        data = validated(AssignSerializer, request.data)
        return Response(
            TaskItemSerializer(
                services.item_assign(
                    task_id=task_id, actor=request.user, user_id=data["user_id"], request=request
                )
            ).data
        )


class UnassignedApi(APIView):
    """Admins: tickets no workflow matched, and steps waiting for an available assignee."""

    permission_classes = [IsTTSAdmin]

    @extend_schema(
        responses={
            200: inline_serializer(
                "Unassigned", {"tickets": serializers.ListField(), "waiting": serializers.ListField()}
            )
        }
    )
    def get(self, request):
        return Response(
            {
                "tickets": WorkflowTicketSerializer(unassigned_tickets()[:200], many=True).data,
                "waiting": [
                    {
                        "task_id": item.task_id,
                        "ticket_number": item.task.ticket.ticket_number,
                        **TaskItemSerializer(item).data,
                    }
                    for item in waiting_items().prefetch_related("history")[:200]
                ],
            }
        )


class AssignWorkflowApi(APIView):
    """Admins: run a ticket that matched nothing on a chosen workflow."""

    permission_classes = [IsTTSAdmin]

    @extend_schema(
        request=AssignWorkflowSerializer,
        responses={201: TaskSerializer, 409: OpenApiResponse(description="The ticket already has a task.")},
    )
    def post(self, request, ticket_number: str):
        ticket = WorkflowTicket.objects.filter(ticket_number=ticket_number).first()
        if ticket is None:
            raise NotFound("No such ticket.")
        data = validated(AssignWorkflowSerializer, request.data)
        workflow = Workflow.objects.filter(pk=data["workflow_id"]).select_related("current_version").first()
        if workflow is None:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"workflow_id": ["No such workflow."]})
        task = services.task_start_for(ticket=ticket, workflow=workflow, actor=request.user, request=request)
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


class AvailabilityApi(APIView):
    """My availability: away users get no new work; a delegate takes over my open steps."""

    @extend_schema(responses={200: AvailabilitySerializer, 403: NOT_A_PERSON})
    def get(self, request):
        availability = UserAvailability.objects.filter(user_id=_person_id(request)).first()
        return Response(
            AvailabilitySerializer(availability).data
            if availability
            else {"is_available": True, "delegate_id": None, "note": "", "updated_at": None}
        )

    @extend_schema(request=AvailabilitySerializer, responses={200: AvailabilitySerializer})
    def put(self, request):
        data = validated(AvailabilitySerializer, request.data)
        availability = services.availability_set(
            user_id=_person_id(request),
            is_available=data["is_available"],
            delegate_id=data.get("delegate_id"),
            note=data.get("note", ""),
            actor=request.user,
        )
        return Response(AvailabilitySerializer(availability).data)
