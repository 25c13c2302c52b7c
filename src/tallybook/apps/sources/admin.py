from django.contrib import admin

from .models import Receipt, Source


class ReceiptInline(admin.TabularInline):
    model = Receipt
    extra = 0
    can_delete = False
    readonly_fields = ["origin", "received_at", "received_by", "http_status"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "published", "media_type", "sensitivity"]
    list_filter = ["media_type", "sensitivity"]
    search_fields = ["title", "publisher", "url", "sha256"]
    readonly_fields = ["sha256", "size", "text_sha256", "retrieved_at"]
    inlines = [ReceiptInline]
