from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "tallybook.apps.live"
    label = "live"

    def ready(self) -> None:
        from tallybook.apps.claims import services as claims

        from .services import claim_after_verify

        if claim_after_verify not in claims.AFTER_VERIFY:
            claims.AFTER_VERIFY.append(claim_after_verify)
