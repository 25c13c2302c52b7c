from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("", views.board, name="board"),
    # Under `tallybook serve` (ASGI) the stream is answered before Django sees it
    # (tallybook.site.asgi); this view serves WSGI servers, as a polling stream.
    path("stream", views.stream, name="stream"),
    path("submit/", views.submit, name="submit"),
    path("review/", views.review, name="review"),
    path("review/<int:pk>/", views.review_decide, name="review_decide"),
    path("review/event/<int:pk>/retract", views.review_retract, name="review_retract"),
]
