from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "tallybook.apps.incidents"
    label = "incidents"
