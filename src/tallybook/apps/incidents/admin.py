from django.contrib import admin

from .models import Incident, Tag

admin.site.register(Tag)


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "date_start", "status"]
    list_filter = ["status", "category"]
