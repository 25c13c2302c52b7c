from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "tallybook.apps.publishing"
    label = "publishing"
