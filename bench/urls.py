"""The project's URLs plus the benchmark's comparison endpoints (cms.settings.bench only)."""

from django.urls import include, path

from cms.urls import urlpatterns as project_urlpatterns

from . import views

# After the project's own URLs (so /graphql/ resolves as in production), before Wagtail's catch-all.
*project_urls, catch_all = project_urlpatterns
assert str(catch_all.pattern) == "", "cms.urls must end with Wagtail's page routing"
urlpatterns = [*project_urls, path("bench/", include(views.urlpatterns)), catch_all]
