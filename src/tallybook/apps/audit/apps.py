from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tallybook.apps.audit"
    label = "audit"
