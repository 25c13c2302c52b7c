from django.conf import settings
from django.db import models


class SavedView(models.Model):
    """A named set of claim filters a user can reopen, and share with the workspace.

    Only the allow-listed filter parameters are kept (`claims.filters`); what a
    view shows is always worked out for the person opening it, so sharing a
    view never shares claims its reader may not see.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=2000, blank=True)  # e.g. "category=killed&status=accepted"
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_owner_name")
        ]

    def __str__(self) -> str:
        return self.name
