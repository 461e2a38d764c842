"""Django admin (superusers only): a read-mostly view of the intake for support."""

from django.contrib import admin

from ingestion.models import (
    Document,
    IdempotencyKey,
    InboundHook,
    InboundMessage,
    Mailbox,
    MailboxUid,
)


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ("id", "tenant", "channel", "sender", "subject", "status", "received_at")
    list_filter = ("channel", "status", "tenant")
    search_fields = ("subject", "sender", "message_id", "sha256")
    readonly_fields = ("raw", "sha256", "raw_size", "message_id", "duplicate_of", "is_original")
    raw_id_fields = ("known_customer", "uploaded_by", "mailbox")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("id", "tenant", "filename", "kind", "status", "attempts", "created_at")
    list_filter = ("kind", "status", "tenant")
    search_fields = ("filename", "sha256", "error")
    readonly_fields = ("file", "sha256", "size", "layout", "duplicate_of", "is_original")
    raw_id_fields = ("message", "handled_by")


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "tenant",
        "host",
        "folder",
        "enabled",
        "consecutive_failures",
        "last_poll_at",
    )
    list_filter = ("enabled", "tenant")
    exclude = ("password_encrypted",)  # set through the inbox page, stored encrypted


@admin.register(MailboxUid)
class MailboxUidAdmin(admin.ModelAdmin):
    list_display = ("mailbox", "uidvalidity", "uid", "message", "actioned_at")
    raw_id_fields = ("mailbox", "message")


@admin.register(InboundHook)
class InboundHookAdmin(admin.ModelAdmin):
    list_display = ("tenant", "channel", "enabled", "created_at")
    exclude = ("secret_encrypted",)


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    list_display = ("tenant", "key", "response_status", "created_at")
    raw_id_fields = ("message",)
