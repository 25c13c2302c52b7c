from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from tallybook.apps.api.api import api
from tallybook.apps.api.views import not_found as api_not_found

urlpatterns = [
    # The admin signs in through the throttled, second-factor-aware page too.
    path("admin/login/", RedirectView.as_view(url="/accounts/login/", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("tallybook.apps.accounts.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found, name="api_not_found"),
    path("live/", include("tallybook.apps.live.urls")),
    path("", include("tallybook.apps.workspace.urls")),
]
