"""Tiny DRF views that put the kernel's authentication, permissions, errors and pagination
behind real URLs, so the suite exercises them through real HTTP requests."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tts_common.errors import conflict
from tts_common.permissions import HasRole, IsService, IsTTSAdmin, IsTTSAdminOrService


class WhoAmI(APIView):
    """Any authenticated caller (the default IsAuthenticated); POST is the unsafe method."""

    def get(self, request):
        return Response(self._describe(request.user))

    def post(self, request):
        return Response(self._describe(request.user), status=201)

    @staticmethod
    def _describe(user):
        return {"id": user.id, "id_type": type(user.id).__name__, "email": user.email, "roles": user.roles}


class AdminOnly(APIView):
    permission_classes = [IsTTSAdmin]

    def get(self, request):
        return Response({"ok": True})


class ServiceOnly(APIView):
    permission_classes = [IsService]

    def get(self, request):
        return Response({"ok": True})


class AdminOrService(APIView):
    permission_classes = [IsTTSAdminOrService]

    def get(self, request):
        return Response({"ok": True})


class AgentOrSupervisor(APIView):
    permission_classes = [HasRole("tts:Agent", "tts:Supervisor")]

    def get(self, request):
        return Response({"ok": True})


class Failing(APIView):
    """Raises the Django exception named in the URL, as model or service code would."""

    def get(self, request, kind):
        if kind == "field-validation":
            raise DjangoValidationError({"title": ["Title is required."], "priority": ["Unknown priority."]})
        if kind == "plain-validation":
            raise DjangoValidationError("The ticket is closed.")
        if kind == "bare-validation":
            raise exceptions.ValidationError("Null characters are not allowed.")
        if kind == "not-found":
            raise Http404("no such ticket")
        if kind == "permission":
            raise DjangoPermissionDenied("not yours")
        if kind == "conflict":
            return conflict("The ticket was changed by someone else.")
        raise AssertionError(f"unknown kind {kind}")


class NumberSerializer(serializers.Serializer):
    n = serializers.IntegerField()


class Numbers(generics.ListAPIView):
    """250 items through the default pagination class the shared settings configure."""

    serializer_class = NumberSerializer

    def get_queryset(self):
        return [{"n": n} for n in range(250)]
