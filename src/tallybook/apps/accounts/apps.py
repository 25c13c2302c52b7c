from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tallybook.apps.accounts"
    label = "accounts"
