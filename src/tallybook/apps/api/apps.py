from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tallybook.apps.api"
    label = "api"
    verbose_name = "JSON API"
