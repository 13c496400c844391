from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.health import healthz, readyz
from api.views import graphql_view

urlpatterns = [
    path("graphql/", graphql_view(), name="graphql"),  # first: by far the most requested URL
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", healthz, name="healthz"),  # never touches Redis or the database
    path("readyz/", readyz, name="readyz"),
    path("nyhedsbrev/", include("newsletter.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page routing last: it redirects page URLs to the frontend.
urlpatterns += [path("", include(wagtail_urls))]
