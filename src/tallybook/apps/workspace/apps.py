from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "tallybook.apps.workspace"
    label = "workspace"
