import secrets

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services, token_services
from accounts.models import Role, System, User, UserSystemRole
from accounts.permissions import IsAnySystemAdmin, IsSystemAdmin, IsSystemAdminOrService
from accounts.role_services import (
    grant_revoke,
    grant_set,
    role_create,
    role_delete,
    role_update,
    system_admin_check,
)
from accounts.selectors import grant_list, role_list, role_members, user_directory, user_list
from accounts.serializers import (
    AdminUserSerializer,
    DirectoryUserSerializer,
    GrantCreateSerializer,
    GrantSerializer,
    PasswordChangeSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetRequestSerializer,
    ProfileUpdateSerializer,
    RefreshSerializer,
    RoleMemberSerializer,
    RoleSerializer,
    RoleWriteSerializer,
    SystemSerializer,
    TokenObtainSerializer,
    TokenPairSerializer,
    TotpCodeSerializer,
    UserInviteSerializer,
    UserSerializer,
)
from accounts.throttling import Throttled
from tts_common.authentication import ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE
from tts_common.http import validated
from tts_common.permissions import IsAgentOrService

DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})
# The endpoints about "my account" answer 404 when no active account is behind the token
# (a deactivated account, or a service token, which names none).
NO_ACCOUNT = OpenApiResponse(description="No active account behind the token.")


def _throttled(exc: Throttled) -> Response:
    return Response(
        {"detail": exc.detail, "retry_after": exc.retry_after},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(exc.retry_after)},
    )


def _search_term(request) -> str:
    """The ``?search=`` term. PostgreSQL text cannot hold a NUL byte, so NULs are dropped
    rather than reaching the database (where they would be a 500)."""
    return request.query_params.get("search", "").replace("\x00", "").strip()[:100]


def _current_user(request) -> User | None:
    """The account behind the token, if it is a person's and still active."""
    if not str(request.user.id).isdigit():  # service tokens name no account
        return None
    return User.objects.filter(pk=int(request.user.id), is_active=True).first()


def _me(request) -> User:
    user = _current_user(request)
    if user is None:
        from rest_framework.exceptions import NotFound

        raise NotFound("Account not found or deactivated.")
    return user


def set_auth_cookies(response: Response, *, access: str, refresh: str) -> None:
    """The web UI's copy of the tokens: HttpOnly, SameSite=Lax, Secure in production, plus
    a readable random CSRF cookie that unsafe cookie-authenticated requests echo back."""
    secure = settings.JWT_COOKIE_SECURE
    response.set_cookie(
        ACCESS_COOKIE,
        access,
        max_age=int(settings.JWT_ACCESS_LIFETIME.total_seconds()),
        httponly=True,
        secure=secure,
        samesite="Lax",
        path="/",
    )
    response.set_cookie(
        REFRESH_COOKIE,
        refresh,
        max_age=int(settings.JWT_REFRESH_LIFETIME.total_seconds()),
        httponly=True,
        secure=secure,
        samesite="Lax",
        path="/api/v1/",
    )
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), secure=secure, samesite="Lax", path="/")


def clear_auth_cookies(response: Response) -> None:
    response.delete_cookie(ACCESS_COOKIE, path="/", samesite="Lax")
    response.delete_cookie(REFRESH_COOKIE, path="/api/v1/", samesite="Lax")
    response.delete_cookie(CSRF_COOKIE, path="/", samesite="Lax")


def _pair_response(pair: token_services.TokenPair) -> Response:
    response = Response(
        {
            "access": pair.access,
            "refresh": pair.refresh,
            "user": UserSerializer(pair.user, context={"second_factor": pair.second_factor}).data,
            "totp_enrolment_required": pair.totp_enrolment_required,
        }
    )
    set_auth_cookies(response, access=pair.access, refresh=pair.refresh)
    return response


class TokenObtainApi(APIView):
    """Sign in with email and password (and a one-time code when the account has one)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenObtainSerializer,
        responses={200: TokenPairSerializer, 400: OpenApiResponse(), 401: DETAIL, 429: DETAIL},
        auth=[],
    )
    def post(self, request):
        data = validated(TokenObtainSerializer, request.data)
        try:
            pair = token_services.login(
                request=request, email=data["username"], password=data["password"], otp=data.get("otp", "")
            )
        except Throttled as exc:
            return _throttled(exc)
        except token_services.SecondFactorRequired as exc:
            return Response({"detail": str(exc), "otp_required": True}, status=status.HTTP_401_UNAUTHORIZED)
        except token_services.LoginFailed as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_401_UNAUTHORIZED)
        return _pair_response(pair)


class TokenRefreshApi(APIView):
    """Rotate the refresh token (body or cookie): a new pair; the old refresh is spent."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=RefreshSerializer, responses={200: TokenPairSerializer, 401: DETAIL}, auth=[])
    def post(self, request):
        data = validated(RefreshSerializer, request.data)
        raw = data.get("refresh") or request.COOKIES.get(REFRESH_COOKIE, "")
        try:
            pair = token_services.token_refresh(request=request, raw=raw)
        except token_services.TokenRejected as exc:
            response = Response({"detail": str(exc)}, status=status.HTTP_401_UNAUTHORIZED)
            clear_auth_cookies(response)
            return response
        return _pair_response(pair)


class LogoutApi(APIView):
    """Revoke the refresh token (body or cookie) and clear the cookies."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=RefreshSerializer, responses={200: DETAIL}, auth=[])
    def post(self, request):
        data = validated(RefreshSerializer, request.data)
        token_services.logout(
            request=request, raw=data.get("refresh") or request.COOKIES.get(REFRESH_COOKIE, "")
        )
        response = Response({"detail": "Signed out."})
        clear_auth_cookies(response)
        return response


class ProfileApi(APIView):
    """The signed-in user's own account."""

    @extend_schema(responses={200: UserSerializer, 404: DETAIL})
    def get(self, request):
        return Response(UserSerializer(_me(request)).data)

    @extend_schema(request=ProfileUpdateSerializer, responses={200: UserSerializer, 404: NO_ACCOUNT})
    def patch(self, request):
        user = _me(request)
        services.profile_update(
            user=user, request=request, **validated(ProfileUpdateSerializer, request.data)
        )
        return Response(UserSerializer(user).data)


class PasswordChangeApi(APIView):
    @extend_schema(request=PasswordChangeSerializer, responses={200: TokenPairSerializer, 404: NO_ACCOUNT})
    def post(self, request):
        data = validated(PasswordChangeSerializer, request.data)
        pair = services.password_change(user=_me(request), request=request, **data)
        return _pair_response(pair)


class PasswordResetRequestApi(APIView):
    """Ask for a reset link by email. The answer is the same whether or not the account exists."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=PasswordResetRequestSerializer, responses={202: DETAIL, 429: DETAIL}, auth=[])
    def post(self, request):
        data = validated(PasswordResetRequestSerializer, request.data)
        try:
            services.password_reset_request(email=data["email"], request=request)
        except Throttled as exc:
            return _throttled(exc)
        return Response(
            {"detail": "If an account exists for this email, a reset link is on its way."},
            status=status.HTTP_202_ACCEPTED,
        )


class PasswordResetConfirmApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=PasswordResetConfirmSerializer, responses={200: DETAIL, 400: OpenApiResponse()}, auth=[]
    )
    def post(self, request):
        data = validated(PasswordResetConfirmSerializer, request.data)
        services.password_reset_confirm(request=request, **data)
        return Response({"detail": "Password changed. Sign in with the new password."})


class TotpApi(APIView):
    """The second factor: GET status, POST start enrolment, DELETE disable (with a code)."""

    @extend_schema(
        responses={
            200: inline_serializer("TotpStatus", {"enabled": serializers.BooleanField()}),
            404: NO_ACCOUNT,
        }
    )
    def get(self, request):
        return Response({"enabled": _me(request).totp_enabled})

    @extend_schema(
        request=None,
        responses={
            201: inline_serializer("TotpSetup", {"otpauth_uri": serializers.CharField()}),
            404: NO_ACCOUNT,
        },
    )
    def post(self, request):
        uri = services.totp_setup(user=_me(request))
        return Response({"otpauth_uri": uri}, status=status.HTTP_201_CREATED)

    # OpenAPI 3.0 has no request body for DELETE, so the schema cannot show the code this
    # takes ({"code": "123456"}, JSON); without it the answer is a 400.
    @extend_schema(
        request=TotpCodeSerializer,
        responses={
            204: None,
            400: OpenApiResponse(description="The code is missing or wrong."),
            404: NO_ACCOUNT,
        },
        description='Disable the second factor; the body carries a current code: {"code": "123456"}.',
    )
    def delete(self, request):
        data = validated(TotpCodeSerializer, request.data)
        services.totp_disable(user=_me(request), code=data["code"], request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TotpConfirmApi(APIView):
    @extend_schema(request=TotpCodeSerializer, responses={200: DETAIL, 404: NO_ACCOUNT})
    def post(self, request):
        data = validated(TotpCodeSerializer, request.data)
        services.totp_confirm(user=_me(request), code=data["code"], request=request)
        return Response({"detail": "Second factor enabled. It is asked at your next sign-in."})


class UserListApi(ListAPIView):
    """Admins: list and search accounts (GET); invite a new one (POST)."""

    permission_classes = [IsAnySystemAdmin]
    serializer_class = AdminUserSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str, description="Part of a name or email"),
            OpenApiParameter("is_active", str, enum=["true", "false"]),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        users = user_list(search=_search_term(self.request))
        active = self.request.query_params.get("is_active")
        if active in {"true", "false"}:
            users = users.filter(is_active=active == "true")
        return users.prefetch_related("grants__role__system")

    @extend_schema(request=UserInviteSerializer, responses={201: AdminUserSerializer})
    def post(self, request):
        data = validated(UserInviteSerializer, request.data)
        user = services.user_invite(actor=request.user, request=request, **data)
        return Response(AdminUserSerializer(user).data, status=status.HTTP_201_CREATED)


class UserDirectoryApi(ListAPIView):
    """Find colleagues to mention: agents and admins search (``?search=``, two characters
    at least); services resolve ``?handle=`` (repeatable, up to 20: an email or a name
    handle such as ``alan.turing``). Active accounts only; requesters may not browse."""

    permission_classes = [IsAgentOrService]
    serializer_class = DirectoryUserSerializer
    filter_backends: list = []
    MAX_HANDLES = 20

    @extend_schema(
        parameters=[
            OpenApiParameter("search", str, description="Part of a name or email (2+ characters)"),
            OpenApiParameter("handle", str, many=True, description="Exact email or name handle"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        handles = [h.replace("\x00", "").strip()[:254] for h in self.request.query_params.getlist("handle")]
        handles = [h for h in handles if h]
        if len(handles) > self.MAX_HANDLES:
            raise ValidationError({"handle": [f"At most {self.MAX_HANDLES} handles at once."]})
        search = _search_term(self.request)
        if not handles and len(search) < 2:
            raise ValidationError({"search": ["Type at least two characters, or give handle=."]})
        return user_directory(search=search, handles=handles)


class UserDetailApi(APIView):
    permission_classes = [IsAnySystemAdmin]

    @extend_schema(responses={200: AdminUserSerializer})
    def get(self, request, pk: int):
        return Response(AdminUserSerializer(get_object_or_404(User, pk=pk)).data)

    @extend_schema(request=ProfileUpdateSerializer, responses={200: AdminUserSerializer})
    def patch(self, request, pk: int):
        user = get_object_or_404(User, pk=pk)
        services.user_update(
            actor=request.user,
            user=user,
            request=request,
            **validated(ProfileUpdateSerializer, request.data),
        )
        return Response(AdminUserSerializer(user).data)


class UserActivationApi(APIView):
    """POST .../deactivate/ ends every session at once; POST .../activate/ restores the account."""

    permission_classes = [IsAnySystemAdmin]
    active = False

    @extend_schema(request=None, responses={200: AdminUserSerializer})
    def post(self, request, pk: int):
        user = get_object_or_404(User, pk=pk)
        services.user_set_active(actor=request.user, user=user, active=self.active, request=request)
        return Response(AdminUserSerializer(user).data)


class SystemListApi(ListAPIView):
    """Systems whose roles auth_service manages."""

    serializer_class = SystemSerializer
    queryset = System.objects.order_by("slug")
    filter_backends: list = []


def _system(slug: str) -> System:
    return get_object_or_404(System, slug=slug)


class RoleListApi(ListAPIView):
    """A system's roles (any signed-in user); system admins create roles (POST)."""

    serializer_class = RoleSerializer
    filter_backends: list = []

    def get_queryset(self):
        _system(self.kwargs["system"])
        return role_list(system=self.kwargs["system"])

    @extend_schema(request=RoleWriteSerializer, responses={201: RoleSerializer})
    def post(self, request, system: str):
        target = _system(system)
        system_admin_check(actor=request.user, system=target)  # refuse before reading the body
        data = validated(RoleWriteSerializer, request.data)
        role = role_create(actor=request.user, system=target, request=request, **data)
        return Response(RoleSerializer(role).data, status=status.HTTP_201_CREATED)


class RoleDetailApi(APIView):
    def _role(self, system: str, pk: int) -> Role:
        return get_object_or_404(Role.objects.select_related("system"), pk=pk, system__slug=system)

    @extend_schema(responses={200: RoleSerializer})
    def get(self, request, system: str, pk: int):
        return Response(RoleSerializer(self._role(system, pk)).data)

    @extend_schema(request=RoleWriteSerializer(partial=True), responses={200: RoleSerializer})
    def patch(self, request, system: str, pk: int):
        role = self._role(system, pk)
        system_admin_check(actor=request.user, system=role.system)
        serializer = RoleWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        role = role_update(actor=request.user, role=role, request=request, **serializer.validated_data)
        return Response(RoleSerializer(role).data)

    @extend_schema(responses={204: None, 400: OpenApiResponse(description="A built-in role.")})
    def delete(self, request, system: str, pk: int):
        role_delete(actor=request.user, role=self._role(system, pk), request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoleMembersApi(ListAPIView):
    """Active holders of a role (system admins and services, e.g. workflow_api's reconcile)."""

    permission_classes = [IsSystemAdminOrService]
    serializer_class = RoleMemberSerializer
    filter_backends: list = []

    def get_queryset(self):
        role = get_object_or_404(Role, pk=self.kwargs["pk"], system__slug=self.kwargs["system"])
        return role_members(role=role)


class GrantListApi(ListAPIView):
    """A system's grants (system admins); POST grants a role to a user."""

    permission_classes = [IsSystemAdmin]
    serializer_class = GrantSerializer
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("user_id", int),
            OpenApiParameter("role_id", int),
            OpenApiParameter("is_active", str, enum=["true", "false"]),
            OpenApiParameter("search", str, description="Part of the user's email or the role's name"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        _system(self.kwargs["system"])
        grants = grant_list(system=self.kwargs["system"])
        params = self.request.query_params
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        if params.get("user_id", "").isdecimal():
            grants = grants.filter(user_id=int(params["user_id"]))
        if params.get("role_id", "").isdecimal():
            grants = grants.filter(role_id=int(params["role_id"]))
        if params.get("is_active") in {"true", "false"}:
            grants = grants.filter(is_active=params["is_active"] == "true")
        if search := _search_term(self.request):
            grants = grants.filter(Q(user__email__icontains=search) | Q(role__name__icontains=search))
        return grants

    @extend_schema(request=GrantCreateSerializer, responses={201: GrantSerializer})
    def post(self, request, system: str):
        data = validated(GrantCreateSerializer, request.data)
        _system(system)
        role = Role.objects.filter(pk=data["role_id"], system__slug=system).select_related("system").first()
        user = User.objects.filter(pk=data["user_id"]).first()
        errors = {}
        if role is None:
            errors["role_id"] = [f"No role with this id in {system}."]
        if user is None:
            errors["user_id"] = ["No user with this id."]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        grant = grant_set(actor=request.user, user=user, role=role, request=request)
        return Response(GrantSerializer(grant).data, status=status.HTTP_201_CREATED)


class GrantDetailApi(APIView):
    permission_classes = [IsSystemAdmin]

    def _grant(self, system: str, pk: int) -> UserSystemRole:
        return get_object_or_404(
            UserSystemRole.objects.select_related("user", "role", "role__system", "granted_by"),
            pk=pk,
            role__system__slug=system,
        )

    @extend_schema(responses={200: GrantSerializer})
    def get(self, request, system: str, pk: int):
        return Response(GrantSerializer(self._grant(system, pk)).data)

    @extend_schema(responses={200: GrantSerializer})
    def delete(self, request, system: str, pk: int):
        grant = grant_revoke(actor=request.user, grant=self._grant(system, pk), request=request)
        return Response(GrantSerializer(grant).data)
