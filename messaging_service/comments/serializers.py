from rest_framework import serializers

from comments.models import Comment, CommentAttachment, CommentRevision


class CommentAttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = CommentAttachment
        fields = ["id", "name", "content_type", "size", "sha256", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        return f"/api/v1/comments/{attachment.comment_id}/attachments/{attachment.id}/download/"


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    attachments = CommentAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Comment
        fields = [
            "id",
            "ticket_number",
            "author",
            "body",
            "body_html",
            "is_internal",
            "attachments",
            "created_at",
            "edited_at",
        ]
        read_only_fields = fields

    def get_author(self, comment) -> dict:
        return {"id": comment.author_id, "name": comment.author_name}


class CommentCreateSerializer(serializers.Serializer):
    ticket = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$", error_messages={"invalid": "Not a valid ticket number."}
    )
    body = serializers.CharField(max_length=20_000, trim_whitespace=False)
    is_internal = serializers.BooleanField(default=False)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        required=False,
        default=list,
        help_text="Attachments (multipart/form-data), checked like ticket attachments.",
    )


class CommentEditSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000, trim_whitespace=False)


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommentRevision
        fields = ["body", "edited_by_id", "replaced_at"]
        read_only_fields = fields
