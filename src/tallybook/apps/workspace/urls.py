from django.urls import path

from . import (
    views,
    views_actors,
    views_claims,
    views_export,
    views_incidents,
    views_people,
    views_review,
)

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<str:sha256>/", views.source_detail, name="source_detail"),
    path("sources/<str:sha256>/original", views.source_original, name="source_original"),
    path("claims/", views_claims.claim_list, name="claim_list"),
    path("claims/bulk", views_claims.claims_bulk, name="claims_bulk"),
    path("claims/export.<str:fmt>", views_export.claim_export, name="claim_export"),
    path("claims/views/", views_claims.saved_view_create, name="saved_view_create"),
    path("claims/views/<int:pk>/", views_claims.saved_view_open, name="saved_view_open"),
    path("claims/views/<int:pk>/delete", views_claims.saved_view_remove, name="saved_view_delete"),
    path("review/", views_review.review, name="review"),
    path("review/<int:pk>/", views_review.review_claim, name="review_claim"),
    path("incidents/", views_incidents.incident_list, name="incident_list"),
    path("incidents/<int:pk>/", views_incidents.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/merge", views_incidents.incident_merge_view, name="incident_merge"),
    path("incidents/<int:pk>/split", views_incidents.incident_split_view, name="incident_split"),
    path(
        "incidents/<int:pk>/confirm", views_incidents.incident_confirm_view, name="incident_confirm"
    ),
    path("figures/", views.figures, name="figures"),
    path("places/", views_incidents.place_list, name="place_list"),
    path("places/<int:pk>/", views_incidents.place_detail, name="place_detail"),
    path("actors/", views_actors.actor_list, name="actor_list"),
    path("actors/<int:pk>/", views_actors.actor_detail, name="actor_detail"),
    path("people/", views_people.list_index, name="people_lists"),
    path("people/lists/<int:pk>/", views_people.list_detail, name="people_list"),
    path("people/review/", views_people.review_next, name="link_review"),
    path("people/review/<int:pk>/", views_people.review_pair, name="link_review_pair"),
]
