import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

# What a process builds at startup (settings, models, the URLconf and with it the GraphQL
# schema) lives as long as the process. Frozen, the garbage collector stops walking its
# ~200,000 objects in every full collection; and collecting after every 20,000 allocations
# rather than 700 spares a long answer (which allocates hundreds of thousands of objects)
# dozens of collections. Measured in-process on the benchmark's largest answer within the
# limits, p95: 284-317 ms as Python starts, 185-215 ms frozen, 141-147 ms frozen and tuned
# (`make bench` imports this module, so its numbers are the servers').
get_resolver().url_patterns  # noqa: B018 (imports the URLconf, the views and the schema now)
gc.freeze()
gc.set_threshold(20_000, 50, 100)
