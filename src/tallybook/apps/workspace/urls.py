from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<str:sha256>/", views.source_detail, name="source_detail"),
    path("sources/<str:sha256>/original", views.source_original, name="source_original"),
    path("claims/", views.claim_list, name="claim_list"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("figures/", views.figures, name="figures"),
    path("places/", views.place_list, name="place_list"),
    path("places/<int:pk>/", views.place_detail, name="place_detail"),
]
