from django.db import models
from django.utils.text import slugify


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name


class Incident(models.Model):
    """One event that several claims describe. Its counts come from its claims."""

    class Status(models.TextChoices):
        SINGLE_ORIGIN = "single_origin", "single origin"
        CORROBORATED = "corroborated", "corroborated"
        CONTESTED = "contested", "contested"

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    date_start = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SINGLE_ORIGIN)
    # Figures come from the claims (incident_figures); stored so tallies and
    # pages need not recompute them, refreshed by every service that changes
    # the incident's claims.
    min = models.PositiveBigIntegerField(null=True, blank=True)
    max = models.PositiveBigIntegerField(null=True, blank=True)
    point = models.PositiveBigIntegerField(null=True, blank=True)
    origins = models.PositiveIntegerField(default=0)
    # False: the machine proposed it and the next proposal run may rebuild it.
    confirmed = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="incidents")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_start", "id"]

    def __str__(self) -> str:
        return self.title

    def is_restricted(self) -> bool:
        """Its figures would reveal what a restricted source says."""
        return self.claims.filter(source__sensitivity="restricted").exists()
