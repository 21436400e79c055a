from rest_framework.routers import SimpleRouter

from workflows.apis import StepViewSet, TransitionViewSet, WorkflowViewSet

router = SimpleRouter()
router.register("workflows", WorkflowViewSet, basename="workflow")
router.register("steps", StepViewSet, basename="step")
router.register("transitions", TransitionViewSet, basename="transition")
urlpatterns = router.urls
