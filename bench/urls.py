"""The project's URLs plus the benchmark's comparison endpoints (cms.settings.bench only)."""

from django.urls import include, path

from cms.urls import urlpatterns as project_urlpatterns

from . import views

urlpatterns = [
    path("bench/", include(views.urlpatterns)),
    *project_urlpatterns,
]
