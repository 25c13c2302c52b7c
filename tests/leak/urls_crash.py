"""The site's URLs plus one view that fails, to see what a 500 page shows."""

from django.urls import path

from tallybook.site.urls import urlpatterns as site_patterns

from .test_leak import CANARY


def explode(request):
    raise RuntimeError(f"{CANARY['restricted source text']} in a crash")


urlpatterns = [path("crash/", explode), *site_patterns]
