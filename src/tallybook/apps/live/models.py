"""Contributor groups, their reports and check-ins, and the append-only log of what the
live board published.

A group's name is public; who in it submitted a report, and how to reach them, are not:
the submitter's name and contact are stored only as tallybook.crypto tokens bound to
the report (`*_enc`), and the submitting account is a restricted field
(`core.roles.RESTRICTED_FIELDS["live.report"]`). `LiveEvent.payload` holds only what
the public may read, written once when the item is published.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from tallybook import crypto


class ContributorGroup(models.Model):
    """A documentation group that reports to the board under its public name."""

    name = models.CharField(max_length=200, unique=True)
    country = models.CharField(max_length=2, blank=True)  # ISO 3166-1 alpha-2; place context
    # Trusted groups publish straight to the board; others wait for an editor.
    trusted = models.BooleanField(default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="contributor_groups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report"
        CHECKIN = "checkin", "check-in"

    class Status(models.TextChoices):
        PENDING = "pending"
        APPROVED = "approved"
        REJECTED = "rejected"

    # Binds the encrypted fields to this report (the id is not known before saving).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(ContributorGroup, on_delete=models.PROTECT, related_name="reports")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitter_name_enc = models.TextField(blank=True)  # encrypted; "" when not given
    contact_enc = models.TextField(blank=True)  # encrypted; "" when not given
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REPORT)
    text = models.TextField(blank=True)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place_name = models.CharField(max_length=200, blank=True)  # as the contributor wrote it
    attendance = models.PositiveIntegerField(null=True, blank=True)
    occurred_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:  # never the submitter: this reaches logs
        return f"{self.get_kind_display()} {self.pk} from {self.group.name}"

    def encryption_context(self, field: str) -> str:
        return f"live.report.{field}:{self.uid}"

    def set_restricted(self, *, submitter_name: str = "", contact: str = "") -> None:
        for field, value in (("submitter_name", submitter_name), ("contact", contact)):
            value = (value or "").strip()
            token = crypto.encrypt(value, context=self.encryption_context(field)) if value else ""
            setattr(self, f"{field}_enc", token)

    def reveal(self, field: str) -> str:
        """The plaintext of `submitter_name` or `contact`. Callers decide who may see it."""
        if field not in ("submitter_name", "contact"):
            raise ValueError(f"{field!r} is not an encrypted field of a report")
        token = getattr(self, f"{field}_enc")
        return crypto.decrypt(token, context=self.encryption_context(field)) if token else ""


class LiveEvent(models.Model):
    """One item the board published. Rows are only ever added (a trigger refuses UPDATE);
    their increasing ids are the stream's event ids."""

    class Kind(models.TextChoices):
        REPORT = "report"
        CHECKIN = "checkin", "check-in"
        CLAIM = "claim"
        RETRACTION = "retraction"

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    payload = models.JSONField()  # public fields only: this is what readers receive
    # What was published ("report:12", "claim:7"): an item reaches the board once.
    ref = models.CharField(max_length=40, unique=True)
    # Public copies of payload fields, for counting in SQL.
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        ContributorGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attendance = models.PositiveIntegerField(null=True, blank=True)
    # A retraction is a row of its own (rows are never changed): the item it withdraws
    # leaves the board, the counters and the replay; readers get the retraction instead.
    retracts = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="retraction"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"live event {self.pk} ({self.kind})"
