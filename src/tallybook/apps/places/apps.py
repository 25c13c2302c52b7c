from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "tallybook.apps.places"
    label = "places"
