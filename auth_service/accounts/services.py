from django.contrib.auth import authenticate
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.models import User
from accounts.selectors import user_role_names
from tts_common.jwt import simplejwt_backend

_backend = None


def _token_backend():
    global _backend
    if _backend is None:
        _backend = simplejwt_backend()
    return _backend


class TTSAccessToken(AccessToken):
    @property
    def token_backend(self):
        return _token_backend()


class TTSRefreshToken(RefreshToken):
    access_token_class = TTSAccessToken

    @property
    def token_backend(self):
        return _token_backend()


def user_authenticate(*, request, email: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = authenticate(request, username=email.strip().lower(), password=password)
    return user if user is not None and user.is_active else None


def token_pair_issue(*, user: User) -> tuple[str, str]:
    """A refresh token and its access token carrying the DESIGN §4 claims."""
    refresh = TTSRefreshToken.for_user(user)
    refresh["email"] = user.email
    refresh["name"] = user.full_name
    refresh["roles"] = user_role_names(user=user)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return str(refresh.access_token), str(refresh)
