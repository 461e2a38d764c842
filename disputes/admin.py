from django.contrib import admin

from disputes.models import Dispute, DisputeComment, DisputeEvent, DisputeNumberSequence


class DisputeEventInline(admin.TabularInline):
    model = DisputeEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "from_status", "to_status", "actor", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # the history is written by the services only


class DisputeCommentInline(admin.TabularInline):
    model = DisputeComment
    extra = 0
    fields = ("created_at", "author", "internal", "body")
    readonly_fields = ("created_at", "author")


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "tenant",
        "customer",
        "type",
        "status",
        "owner",
        "opened_at",
        "due_at",
    )
    list_filter = ("tenant", "type", "status")
    search_fields = ("number", "customer__name", "customer__code")
    raw_id_fields = ("customer", "order", "invoice", "delivery_note", "owner", "opened_by")
    filter_horizontal = ()
    readonly_fields = ("status", "resolved_at", "opened_at")
    exclude = ("lines",)
    inlines = (DisputeCommentInline, DisputeEventInline)


@admin.register(DisputeComment)
class DisputeCommentAdmin(admin.ModelAdmin):
    list_display = ("dispute", "author", "internal", "created_at")
    list_filter = ("internal",)
    raw_id_fields = ("dispute", "author")


@admin.register(DisputeEvent)
class DisputeEventAdmin(admin.ModelAdmin):
    list_display = ("dispute", "kind", "from_status", "to_status", "actor", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("dispute", "actor")


@admin.register(DisputeNumberSequence)
class DisputeNumberSequenceAdmin(admin.ModelAdmin):
    list_display = ("tenant", "year", "last_value")
