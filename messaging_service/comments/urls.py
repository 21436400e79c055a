from rest_framework.routers import SimpleRouter

from comments.apis import CommentViewSet

router = SimpleRouter()
router.register("comments", CommentViewSet, basename="comment")
urlpatterns = router.urls
