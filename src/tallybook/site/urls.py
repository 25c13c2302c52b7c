from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The admin signs in through the throttled, second-factor-aware page too.
    path("admin/login/", RedirectView.as_view(url="/accounts/login/", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("tallybook.apps.accounts.urls")),
    path("", include("tallybook.apps.workspace.urls")),
]
