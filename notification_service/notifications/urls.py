from django.urls import path
from rest_framework.routers import SimpleRouter

from notifications.apis import NotificationViewSet, PreferencesApi

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")
urlpatterns = [
    path("notifications/preferences/", PreferencesApi.as_view(), name="notification-preferences"),
    *router.urls,
]
