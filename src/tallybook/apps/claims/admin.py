from django.contrib import admin

from .models import Actor, Claim


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "affiliation"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["id", "category", "min", "max", "place_name", "time_end", "status"]
    list_filter = ["status", "category"]
    search_fields = ["quote", "attribution_name"]
    raw_id_fields = ["source", "place", "claimant", "incident", "reviewed_by"]
