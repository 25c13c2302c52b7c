"""Lists of people and their rows. Identifying fields are stored only encrypted.

A PersonRecord keeps its name, Persian-script name and father's name as
AES-GCM tokens (`*_enc`) bound to the field and the record, plus an HMAC
blind index of each (`*_index`) for exact matching. There is no plaintext
column, so `filter(name=...)` cannot even be written: filter on the index
(`selectors.records_named`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tallybook import crypto
from tallybook.apps.sources.models import Sensitivity

# The identifying fields, each stored as a token and a blind index.
IDENTIFYING = ("name", "name_fa", "father_name")
# Blind-index contexts: a name's index is comparable across lists, never across fields.
INDEX_CONTEXT = {
    "name": "people.name",
    "name_fa": "people.name_fa",
    "father_name": "people.father_name",
}


class PersonList(models.Model):
    """One imported file of named people; its bytes are a restricted Source."""

    class Status(models.TextChoices):
        IMPORTING = "importing"
        COMPLETE = "complete"

    source = models.OneToOneField(
        "sources.Source", on_delete=models.PROTECT, related_name="person_list"
    )
    name = models.CharField(max_length=500)
    file_format = models.CharField(max_length=10)  # "csv" or "xlsx"
    # field -> column header, e.g. {"name": "Full name", "age": "Age"}
    mapping = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IMPORTING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # The blind-index key its records were indexed with; matching needs the same one.
    index_key = models.CharField(max_length=40)
    sensitivity = models.CharField(
        max_length=10, choices=Sensitivity.choices, default=Sensitivity.RESTRICTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.rows_done}/{self.rows_total} rows, {self.status})"


class PersonRecord(models.Model):
    """One row of a list: one named person as that list reports them."""

    person_list = models.ForeignKey(PersonList, on_delete=models.PROTECT, related_name="records")
    row = models.PositiveIntegerField()  # 1 = the first row under the header

    # Encrypted: "" when the list left the field empty, else a crypto token.
    name_enc = models.TextField(blank=True)
    name_fa_enc = models.TextField(blank=True)
    father_name_enc = models.TextField(blank=True)
    # HMAC-SHA256 blind indexes (hex), "" when empty.
    name_index = models.CharField(max_length=64, blank=True, db_index=True)
    name_fa_index = models.CharField(max_length=64, blank=True, db_index=True)
    father_name_index = models.CharField(max_length=64, blank=True, db_index=True)

    # Not identifying on their own: kept in the clear for counting and matching.
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    place = models.TextField(blank=True)
    place_ref = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(null=True, blank=True)
    event = models.TextField(blank=True)
    status = models.TextField(blank=True)
    source_text = models.TextField(blank=True)  # the list's own "source" column
    notes = models.JSONField(default=list, blank=True)  # corrections made on reading
    # The person this record was linked to by the latest `people_link` run (an
    # opaque id; records of one person share it). Empty: never linked.
    cluster = models.CharField(max_length=40, blank=True, db_index=True)

    sensitivity = models.CharField(
        max_length=10, choices=Sensitivity.choices, default=Sensitivity.RESTRICTED
    )

    class Meta:
        ordering = ["person_list", "row"]
        constraints = [
            models.UniqueConstraint(fields=["person_list", "row"], name="people_record_list_row")
        ]

    def __str__(self) -> str:  # never a name: this ends up in logs and tracebacks
        return f"row {self.row} of list {self.person_list_id}"

    __repr__ = __str__

    # --- identifying fields ---------------------------------------------------------------

    def encryption_context(self, field: str) -> str:
        """Binds a token to its field and record: a copied token fails to decrypt."""
        if self.person_list_id is None or self.row is None:
            raise ValueError("a record needs its list and row before it holds names")
        return f"people.personrecord.{field}:{self.person_list_id}:{self.row}"

    def set_identity(self, *, keyring: crypto.Keyring | None = None, **values: str) -> None:
        """Encrypt and index the given identifying fields (name, name_fa, father_name)."""
        unknown = set(values) - set(IDENTIFYING)
        if unknown:
            raise ValueError(f"not identifying fields: {', '.join(sorted(unknown))}")
        for field, value in values.items():
            value = (value or "").strip()
            token = (
                crypto.encrypt(value, context=self.encryption_context(field), keyring=keyring)
                if value
                else ""
            )
            setattr(self, f"{field}_enc", token)
            setattr(
                self,
                f"{field}_index",
                crypto.blind_index(value, context=INDEX_CONTEXT[field], keyring=keyring),
            )

    def reveal(self, field: str, *, keyring: crypto.Keyring | None = None) -> str:
        """The plaintext of one identifying field. Callers decide who may see it."""
        if field not in IDENTIFYING:
            raise ValueError(f"{field!r} is not an identifying field")
        token = getattr(self, f"{field}_enc")
        if not token:
            return ""
        return crypto.decrypt(token, context=self.encryption_context(field), keyring=keyring)

    @property
    def name(self) -> str:
        return self.reveal("name")

    @property
    def name_fa(self) -> str:
        return self.reveal("name_fa")

    @property
    def father_name(self) -> str:
        return self.reveal("father_name")


class LinkReview(models.Model):
    """An uncertain pair from record linkage, waiting for an analyst's decision.

    Holds record ids, the match probability and per-field evidence, never names.
    """

    class Decision(models.TextChoices):
        OPEN = "open"
        SAME = "same", "same person"
        DIFFERENT = "different", "different people"

    left = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [models.UniqueConstraint(fields=["left", "right"], name="people_review_pair")]

    def __str__(self) -> str:
        return f"records {self.left_id} and {self.right_id} ({self.probability:.2f})"

    def is_restricted(self) -> bool:
        return True  # it is about named people
