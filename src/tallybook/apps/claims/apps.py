from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "tallybook.apps.claims"
    label = "claims"

    def ready(self) -> None:
        from tallybook.apps.sources import services as sources

        from .services import propose_after_ingest

        if propose_after_ingest not in sources.AFTER_INGEST:
            sources.AFTER_INGEST.append(propose_after_ingest)
