from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("afmeld/<str:token>/", views.one_click_unsubscribe, name="one_click_unsubscribe"),
]
