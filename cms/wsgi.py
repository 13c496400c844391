import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

# What a process builds at startup (settings, models, the URLconf and with it the GraphQL
# schema) lives as long as the process. Frozen, the garbage collector stops walking its
# ~200,000 objects in every full collection: a request that allocates much (a large query
# text, a long answer) paid 100-250 ms of collection at p95 before, measured in-process
# (`make bench`'s adversarial section runs with the same freeze).
get_resolver().url_patterns  # noqa: B018 (imports the URLconf, the views and the schema now)
gc.freeze()
