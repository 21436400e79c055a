import secrets

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.serializers import TokenObtainSerializer, TokenPairSerializer, UserSerializer
from accounts.services import token_pair_issue, user_authenticate
from tts_common.authentication import ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE


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
        max_age=int(settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"].total_seconds()),
        httponly=True,
        secure=secure,
        samesite="Lax",
        path="/api/v1/",
    )
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), secure=secure, samesite="Lax", path="/")


class TokenObtainApi(APIView):
    """Sign in with email and password; the tokens come back in the body and as cookies."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenObtainSerializer, responses={200: TokenPairSerializer}, auth=[])
    def post(self, request):
        data = TokenObtainSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_authenticate(
            request=request, email=data.validated_data["username"], password=data.validated_data["password"]
        )
        if user is None:
            return Response({"detail": "Invalid email or password."}, status=status.HTTP_401_UNAUTHORIZED)
        access, refresh = token_pair_issue(user=user)
        response = Response({"access": access, "refresh": refresh, "user": UserSerializer(user).data})
        set_auth_cookies(response, access=access, refresh=refresh)
        return response


class ProfileApi(APIView):
    """The signed-in user's own account."""

    @extend_schema(responses={200: UserSerializer})
    def get(self, request):
        from accounts.models import User

        try:
            user = User.objects.filter(pk=int(request.user.id), is_active=True).first()
        except ValueError:  # a service token's user_id ("service:<name>") names no account
            user = None
        if user is None:
            return Response({"detail": "Account not found or deactivated."}, status=status.HTTP_404_NOT_FOUND)
        return Response(UserSerializer(user).data)
