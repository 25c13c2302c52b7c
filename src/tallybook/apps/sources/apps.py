from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "tallybook.apps.sources"
    label = "sources"
