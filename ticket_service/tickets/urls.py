from django.urls import re_path
from rest_framework.routers import SimpleRouter

from tickets.apis import LOOKUP, AttachmentDetailApi, AttachmentDownloadApi, AttachmentListApi, TicketViewSet

router = SimpleRouter()
router.register("tickets", TicketViewSet, basename="ticket")
urlpatterns = [
    *router.urls,
    re_path(
        rf"^tickets/(?P<pk>{LOOKUP})/attachments/$", AttachmentListApi.as_view(), name="ticket-attachments"
    ),
    re_path(
        rf"^tickets/(?P<pk>{LOOKUP})/attachments/(?P<attachment_id>[0-9]{{1,18}})/$",
        AttachmentDetailApi.as_view(),
        name="ticket-attachment",
    ),
    re_path(
        rf"^tickets/(?P<pk>{LOOKUP})/attachments/(?P<attachment_id>[0-9]{{1,18}})/download/$",
        AttachmentDownloadApi.as_view(),
        name="ticket-attachment-download",
    ),
]
