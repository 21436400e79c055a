from rest_framework import serializers

from comments.models import Comment


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = [
            "id",
            "ticket_number",
            "author_id",
            "author_name",
            "body",
            "is_internal",
            "created_at",
            "edited_at",
        ]
        read_only_fields = fields
