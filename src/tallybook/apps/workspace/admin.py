from django.contrib import admin

from .models import SavedView


@admin.register(SavedView)
class SavedViewAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "shared", "query", "updated_at"]
    list_filter = ["shared"]
    search_fields = ["name", "query"]
    raw_id_fields = ["owner"]
