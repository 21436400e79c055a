from django.urls import path

from accounts import apis

urlpatterns = [
    path("users/token/", apis.TokenObtainApi.as_view(), name="token-obtain"),
    path("users/token/refresh/", apis.TokenRefreshApi.as_view(), name="token-refresh"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="logout"),
    path("users/profile/", apis.ProfileApi.as_view(), name="profile"),
    path("users/password/change/", apis.PasswordChangeApi.as_view(), name="password-change"),
    path("users/password/reset/", apis.PasswordResetRequestApi.as_view(), name="password-reset"),
    path(
        "users/password/reset/confirm/", apis.PasswordResetConfirmApi.as_view(), name="password-reset-confirm"
    ),
    path("users/totp/", apis.TotpApi.as_view(), name="totp"),
    path("users/totp/confirm/", apis.TotpConfirmApi.as_view(), name="totp-confirm"),
    path("users/directory/", apis.UserDirectoryApi.as_view(), name="user-directory"),
    path("users/", apis.UserListApi.as_view(), name="user-list"),
    path("users/<int:pk>/", apis.UserDetailApi.as_view(), name="user-detail"),
    path("users/<int:pk>/deactivate/", apis.UserActivationApi.as_view(active=False), name="user-deactivate"),
    path("users/<int:pk>/activate/", apis.UserActivationApi.as_view(active=True), name="user-activate"),
    path("systems/", apis.SystemListApi.as_view(), name="system-list"),
    # System slugs are data, so these come last (DESIGN §3).
    path("<slug:system>/roles/", apis.RoleListApi.as_view(), name="role-list"),
    path("<slug:system>/roles/<int:pk>/", apis.RoleDetailApi.as_view(), name="role-detail"),
    path("<slug:system>/roles/<int:pk>/users/", apis.RoleMembersApi.as_view(), name="role-members"),
    path("<slug:system>/grants/", apis.GrantListApi.as_view(), name="grant-list"),
    path("<slug:system>/grants/<int:pk>/", apis.GrantDetailApi.as_view(), name="grant-detail"),
]
