from contextlib import contextmanager

from audit.services import audit_log
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from workflows.graph import graph_of
from workflows.models import Step, Transition, Workflow
from workflows.serializers import (
    GraphSerializer,
    StepSerializer,
    TransitionSerializer,
    WorkflowSerializer,
    WorkflowVersionSerializer,
)
from workflows.services import workflow_graph_save, workflow_publish


class AdminWritesAgentsRead(BasePermission):
    """Admins edit workflows; anyone holding a tts role (an agent) may read them."""

    message = "Reading workflows needs a tts role; changing them needs tts:Admin."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.is_admin():
            return True
        return request.method in SAFE_METHODS and (user.holds_role_in("tts") or user.is_service)


class _AuditedModelViewSet(viewsets.ModelViewSet):
    permission_classes = [AdminWritesAgentsRead]

    def perform_create(self, serializer):
        obj = serializer.save()
        audit_log(
            actor=self.request.user,
            action=f"{obj._meta.model_name}.created",
            obj=obj,
            new=serializer.data,
            request=self.request,
        )

    def perform_update(self, serializer):
        old = type(serializer.instance).objects.filter(pk=serializer.instance.pk).values().first()
        obj = serializer.save()
        audit_log(
            actor=self.request.user,
            action=f"{obj._meta.model_name}.updated",
            obj=obj,
            old=old,
            new=serializer.data,
            request=self.request,
        )

    def perform_destroy(self, instance):
        audit_log(
            actor=self.request.user,
            action=f"{instance._meta.model_name}.deleted",
            obj=instance,
            old=self.get_serializer(instance).data,
            request=self.request,
        )
        instance.delete()


@contextmanager
def _default_race():
    """Two admins making different workflows the default at once: the database decides."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError({"is_default": ["Another workflow is already the default."]}) from exc


class WorkflowViewSet(_AuditedModelViewSet):
    """Workflows. Editing changes the draft graph; only an explicit publish makes a version."""

    queryset = Workflow.objects.select_related("current_version")
    serializer_class = WorkflowSerializer
    filterset_fields = ["status", "department", "category", "priority", "is_default"]
    search_fields = ["name", "department", "category", "subcategory"]
    ordering_fields = ["name", "updated_at", "created_at"]

    def perform_create(self, serializer):
        with _default_race():
            super().perform_create(serializer)

    def perform_update(self, serializer):
        with _default_race():
            super().perform_update(serializer)

    @extend_schema(
        responses={204: None, 409: OpenApiResponse(description="Published, or tasks still use it.")}
    )
    def destroy(self, request, *args, **kwargs):
        workflow = self.get_object()
        if workflow.versions.exists():
            return Response(
                {"detail": "A published workflow is kept for its tasks and reports; archive it instead."},
                status=status.HTTP_409_CONFLICT,
            )
        try:
            return super().destroy(request, *args, **kwargs)
        except ProtectedError:
            return Response({"detail": "Tasks still use this workflow."}, status=status.HTTP_409_CONFLICT)

    @extend_schema(methods=["GET"], responses={200: GraphSerializer})
    @extend_schema(methods=["PUT"], request=GraphSerializer, responses={200: GraphSerializer})
    @action(detail=True, methods=["get", "put"])
    def graph(self, request, pk=None):
        workflow = self.get_object()
        if request.method == "GET":
            return Response(graph_of(workflow))
        data = GraphSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workflow = workflow_graph_save(
            workflow=workflow,
            nodes=data.validated_data["nodes"],
            edges=data.validated_data["edges"],
            actor=request.user,
            request=request,
        )
        return Response(graph_of(workflow))

    @extend_schema(request=None, responses={201: WorkflowVersionSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        version = workflow_publish(workflow=self.get_object(), actor=request.user, request=request)
        return Response(WorkflowVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: WorkflowSerializer})
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        workflow = self.get_object()
        old = workflow.status
        workflow.status = Workflow.Status.ARCHIVED
        workflow.is_default = False
        workflow.save(update_fields=["status", "is_default", "updated_at"])
        audit_log(
            actor=request.user,
            action="workflow.archived",
            obj=workflow,
            old={"status": old},
            new={"status": "archived"},
            request=request,
        )
        return Response(WorkflowSerializer(workflow).data)

    @extend_schema(responses={200: WorkflowVersionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)  # every version, one array
    def versions(self, request, pk=None):
        return Response(WorkflowVersionSerializer(self.get_object().versions.all(), many=True).data)


class _GraphPartViewSet(_AuditedModelViewSet):
    """Steps and transitions: changing one changes its workflow's graph, which an archived
    workflow no longer allows (as PUT .../graph/ refuses)."""

    @staticmethod
    def _refuse_archived(*workflows) -> None:
        if any(w is not None and w.status == Workflow.Status.ARCHIVED for w in workflows):
            raise ValidationError({"detail": "An archived workflow cannot be edited."})

    def perform_create(self, serializer):
        self._refuse_archived(serializer.validated_data.get("workflow"))
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self._refuse_archived(serializer.instance.workflow, serializer.validated_data.get("workflow"))
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        self._refuse_archived(instance.workflow)
        super().perform_destroy(instance)


class StepViewSet(_GraphPartViewSet):
    queryset = Step.objects.all()
    serializer_class = StepSerializer
    filterset_fields = ["workflow", "role_id", "is_start"]
    search_fields = ["name"]
    ordering_fields = ["id", "name"]


class TransitionViewSet(_GraphPartViewSet):
    queryset = Transition.objects.all()
    serializer_class = TransitionSerializer
    filterset_fields = ["workflow", "from_step", "to_step"]
    search_fields = ["label"]
    ordering_fields = ["id", "label"]
