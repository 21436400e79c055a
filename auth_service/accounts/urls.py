from django.urls import path

from accounts.apis import ProfileApi, TokenObtainApi

urlpatterns = [
    path("users/token/", TokenObtainApi.as_view(), name="token-obtain"),
    path("users/profile/", ProfileApi.as_view(), name="profile"),
]
