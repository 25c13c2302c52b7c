from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Actor(models.Model):
    """An organisation or person that makes claims."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government"
        STATE_MEDIA = "state_media", "state media"
        NGO = "ngo", "NGO"
        MEDIA = "media"
        POLITICAL_GROUP = "political_group", "political group"
        INDIVIDUAL = "individual"
        OTHER = "other"

    name = models.CharField(max_length=300, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    # Two outlets of one organisation count as one voice (corroboration).
    affiliation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Claim(models.Model):
    """A bounded count of something, at a place and time, as somebody says.

    Mirrors claim.schema.json field for field (flattened); `to_schema()`
    gives the contract's JSON back.
    """

    class Category(models.TextChoices):
        KILLED = "killed"
        DIED = "died"
        EXECUTED = "executed"
        ARRESTED = "arrested"
        DETAINED = "detained"
        INJURED = "injured"
        SENTENCED = "sentenced"
        DISAPPEARED = "disappeared"
        RELEASED = "released"
        PROTESTS = "protests"
        ATTENDANCE = "attendance"
        OTHER = "other"

    class Unit(models.TextChoices):
        PEOPLE = "people"
        EVENTS = "events"
        PLACES = "places"

    class Precision(models.TextChoices):
        POINT = "point"
        CITY = "city"
        ADMIN1 = "admin1"
        COUNTRY = "country"
        REGION = "region"
        UNKNOWN = "unknown"

    class Anchor(models.TextChoices):
        EXPLICIT = "explicit"
        RELATIVE = "relative"
        PUBLICATION = "publication"
        UNKNOWN = "unknown"

    class CountKind(models.TextChoices):
        INCREMENTAL = "incremental"
        CUMULATIVE = "cumulative"
        SUBSET = "subset"
        UNKNOWN = "unknown"

    class Stance(models.TextChoices):
        ASSERTS = "asserts"
        REPORTS = "reports"
        DENIES = "denies"
        DISPUTES = "disputes"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "machine-proposed"
        ACCEPTED = "accepted"
        EDITED = "edited"
        REJECTED = "rejected"

    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="claims")
    category = models.CharField(max_length=20, choices=Category.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    min = models.PositiveBigIntegerField(null=True, blank=True)
    max = models.PositiveBigIntegerField(null=True, blank=True)
    exact = models.BooleanField(default=False)
    point = models.PositiveBigIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=100, blank=True)
    scope_places = models.PositiveIntegerField(null=True, blank=True)

    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    place_name = models.CharField(max_length=300, blank=True)
    place_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.UNKNOWN
    )

    time_start = models.CharField(max_length=10, blank=True)  # YYYY, YYYY-MM or YYYY-MM-DD
    time_end = models.CharField(max_length=10, blank=True)
    as_of = models.BooleanField(default=False)
    time_anchor = models.CharField(max_length=12, choices=Anchor.choices, default=Anchor.UNKNOWN)

    count_kind = models.CharField(
        max_length=12, choices=CountKind.choices, default=CountKind.UNKNOWN
    )
    attribution_name = models.CharField(max_length=300, blank=True)
    attribution_verb = models.CharField(max_length=100, blank=True)
    attribution_via = models.CharField(max_length=300, blank=True)
    attribution_stance = models.CharField(max_length=10, choices=Stance.choices, blank=True)
    claimant = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    negated = models.BooleanField(default=False)
    hedged = models.BooleanField(default=False)

    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    quote = models.TextField()
    extractor = models.CharField(max_length=100)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_claims",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Verification is an editor's second look, separate from review.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verified_claims",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_id", "span_start", "id"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["category", "time_end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(min__isnull=True) | Q(max__isnull=True) | Q(min__lte=F("max")),
                name="claim_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(span_end__gte=F("span_start")), name="claim_span_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.interval_label} ({self.quote[:60]})"

    @property
    def interval_label(self) -> str:
        """The range as a reader says it: "12", "12–40", "≥ 40", "≤ 50"."""
        if self.min is not None and self.min == self.max:
            return f"{self.min:,}"
        if self.max is None:
            return f"≥ {self.min:,}" if self.min is not None else "unknown"
        if self.min is None:
            return f"≤ {self.max:,}"
        return f"{self.min:,}–{self.max:,}"

    def to_schema(self) -> dict:
        """This claim as claim.schema.json describes it (one spelling: core's)."""
        from tallybook.core.extract import model as core

        place = self.place
        attribution = None
        if self.attribution_name:
            attribution = core.Attribution(
                name=self.attribution_name,
                verb=self.attribution_verb or None,
                stance=self.attribution_stance or "reports",
                via=self.attribution_via or None,
            )
        return core.Claim(
            category=self.category,
            unit=self.unit,
            min=self.min,
            max=self.max,
            exact=self.exact,
            point=self.point,
            qualifier=self.qualifier or None,
            scope_places=self.scope_places,
            place=core.ClaimPlace(
                name=self.place_name or None,
                geonameid=place.geonameid if place else None,
                country=(place.country or None) if place else None,
                admin1=(place.admin1 or None) if place else None,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                precision=self.place_precision,
            ),
            time=core.ClaimTime(
                start=self.time_start or None,
                end=self.time_end or None,
                as_of=self.as_of,
                anchor=self.time_anchor,
            ),
            count_kind=self.count_kind,
            attribution=attribution,
            negated=self.negated,
            hedged=self.hedged,
            span=core.Span(self.span_start, self.span_end),
            quote=self.quote,
            source_sha256=self.source.sha256,
            extractor=self.extractor,
        ).to_dict()
