from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in_view, name="login"),
    path("logout/", views.sign_out_view, name="logout"),
    path("second-factor/", views.second_factor_view, name="second_factor"),
]
