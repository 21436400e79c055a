from django.contrib import admin

from comments.models import Comment, OutboxMessage
from tts_common.admin import OutboxMessageAdmin


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["ticket_number", "author_name", "is_internal", "created_at"]
    list_filter = ["is_internal"]
    search_fields = ["ticket_number", "author_name", "body"]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
