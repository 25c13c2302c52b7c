from django.conf import settings
from django.db import models


class Sensitivity(models.TextChoices):
    PUBLIC = "public"
    RESTRICTED = "restricted"


class Origin(models.Model):
    """A group of documents that are copies of one another: one origin, however many sites.

    Recomputed as a whole by `origins_recompute`; `first` is the earliest document.
    """

    first = models.ForeignKey("Source", on_delete=models.PROTECT, related_name="+")
    documents = models.PositiveIntegerField()
    via = models.JSONField(default=list, blank=True)  # "near-duplicate", "shared-paragraph"
    # Many domains publishing one text within hours: {"domains", "window_hours", "first", "last"}
    coordinated = models.JSONField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"origin of {self.documents} document{'s' if self.documents != 1 else ''}"


class Source(models.Model):
    """An archived original and the text read from it. The bytes never change."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.BigIntegerField()
    media_type = models.CharField(max_length=100)
    filename = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    retrieved_at = models.DateTimeField()
    language = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    text_sha256 = models.CharField(max_length=64)
    # PDF pages as [[number, start, end], ...] offsets into `text`.
    pages = models.JSONField(default=list, blank=True)
    sensitivity = models.CharField(
        max_length=10, choices=Sensitivity.choices, default=Sensitivity.PUBLIC
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    origin = models.ForeignKey(
        Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )

    class Meta:
        ordering = ["-published", "id"]
        indexes = [models.Index(fields=["published"]), models.Index(fields=["sensitivity"])]

    def __str__(self) -> str:
        # Not the filename: it can name a witness, and labels reach public pages.
        return self.title or self.url or self.sha256[:12]

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


class Receipt(models.Model):
    """One time the bytes of a source came in: the custody trail.

    The same bytes arriving again from another file or URL add a receipt,
    never a second source.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="receipts")
    origin = models.CharField(max_length=2000)  # the file path or URL as given
    received_at = models.DateTimeField()
    received_by = models.CharField(max_length=200)
    http_status = models.IntegerField(null=True, blank=True)
    http_headers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.origin} at {self.received_at:%Y-%m-%d %H:%M}"
