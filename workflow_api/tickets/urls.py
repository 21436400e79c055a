from rest_framework.routers import SimpleRouter

from tickets.apis import WorkflowTicketViewSet

router = SimpleRouter()
router.register("workflow-tickets", WorkflowTicketViewSet, basename="workflow-ticket")
urlpatterns = router.urls
