import posixpath

from django.conf import settings
from django.http import Http404
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.health import healthz, readyz
from api.views import graphql_view

PUBLIC_MEDIA_FOLDERS = {"original_images", "images", "avatar_images"}


def dev_media(request, path):
    # Normalised first: "images/../documents/x.pdf" is a document.
    if posixpath.normpath(path).split("/")[0] not in PUBLIC_MEDIA_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("graphql/", graphql_view(), name="graphql"),  # first: by far the most requested URL
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", healthz, name="healthz"),  # never touches Redis or the database
    path("readyz/", readyz, name="readyz"),
    path("nyhedsbrev/", include("newsletter.urls")),
]

if settings.DEBUG:
    # What the proxy serves under /media/ in production (deploy/nginx/): images only.
    # Documents go through Wagtail's serve view, /documents/<id>/<file>, which checks
    # private collections; their files are never served straight from MEDIA_ROOT.
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", dev_media)]

# Wagtail's page routing last: it redirects page URLs to the frontend.
urlpatterns += [path("", include(wagtail_urls))]
