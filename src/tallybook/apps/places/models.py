from django.db import models


class Place(models.Model):
    """A place from the offline gazetteer, stored once it is first referred to."""

    class Kind(models.TextChoices):
        COUNTRY = "country"
        ADMIN1 = "admin1", "province / state"
        CITY = "city"

    # "city:112931", "admin1:IR-23", "country:IR": one row per gazetteer place.
    key = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=200)
    geonameid = models.BigIntegerField(null=True, blank=True)
    country = models.CharField(max_length=2, blank=True)
    admin1 = models.CharField(max_length=10, blank=True)
    admin1_name = models.CharField(max_length=200, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    population = models.BigIntegerField(default=0)
    names = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["country", "admin1", "name"]
        indexes = [models.Index(fields=["country", "admin1"])]

    def __str__(self) -> str:
        parts = [self.name]
        if self.kind == self.Kind.CITY and self.admin1_name:
            parts.append(self.admin1_name)
        if self.kind != self.Kind.COUNTRY and self.country:
            parts.append(self.country)
        return ", ".join(parts)
