from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "tallybook.apps.claims"
    label = "claims"
