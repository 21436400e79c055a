from rest_framework import serializers

from comments.models import Comment, CommentRevision


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "ticket_number",
            "author",
            "body",
            "body_html",
            "is_internal",
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


class CommentEditSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000, trim_whitespace=False)


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommentRevision
        fields = ["body", "edited_by_id", "replaced_at"]
        read_only_fields = fields
