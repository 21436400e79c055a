from rest_framework.routers import SimpleRouter

from calendars.apis import CalendarViewSet

router = SimpleRouter()
router.register("calendars", CalendarViewSet, basename="calendar")
urlpatterns = router.urls
