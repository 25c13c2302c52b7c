from django.contrib import admin

from .models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "admin1_name", "country", "population"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "admin1_name"]
