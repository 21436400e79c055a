from django.urls import path

from comments.apis import CommentAttachmentDownloadApi, CommentDetailApi, CommentHistoryApi, CommentListApi

urlpatterns = [
    path("comments/", CommentListApi.as_view(), name="comment-list"),
    path("comments/<int:pk>/", CommentDetailApi.as_view(), name="comment-detail"),
    path("comments/<int:pk>/history/", CommentHistoryApi.as_view(), name="comment-history"),
    path(
        "comments/<int:pk>/attachments/<int:attachment_id>/download/",
        CommentAttachmentDownloadApi.as_view(),
        name="comment-attachment-download",
    ),
]
