from django.contrib import admin

from comments.models import Comment, CommentAttachment, CommentMention, CommentRevision, OutboxMessage
from tts_common.admin import OutboxMessageAdmin


class RevisionInline(admin.TabularInline):
    model = CommentRevision
    extra = 0
    fields = ["body", "edited_by_id", "replaced_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = CommentAttachment
    extra = 0
    fields = ["name", "content_type", "size", "sha256", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MentionInline(admin.TabularInline):
    model = CommentMention
    extra = 0
    fields = ["user_id", "notified_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["ticket_number", "author_name", "is_internal", "is_deleted", "created_at", "edited_at"]
    list_filter = ["is_internal", "is_deleted"]
    search_fields = ["ticket_number", "author_name", "body"]
    readonly_fields = ["body_html", "created_at", "edited_at"]
    inlines = [RevisionInline, AttachmentInline, MentionInline]


admin.site.register(OutboxMessage, OutboxMessageAdmin)
