from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tallybook.apps.people"
    label = "people"
    verbose_name = "people"
