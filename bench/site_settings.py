"""The production settings plus a hello-world view: the floor of the list pages' throughput.

gunicorn serves the site with these in bench/lists.py, so the hello-world view goes through the
same server, workers and middleware as the pages it is compared with.
"""

import os

from config.settings.prod import *  # noqa: F403
from config.settings.prod import REDIS_URL

ROOT_URLCONF = "bench.site_urls"

# One client asks thousands of times: no per-client rate limit (common/throttling.py).
PUBLIC_SEARCH_RATE = PUBLIC_DOWNLOAD_RATE = API_RATE = ""

# The hashed names the pages link to, without compressing every file at collectstatic: no
# benchmark asks for a static file.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.ManifestStaticFilesStorage"},
}

# The page cache as production has it with Redis; in the process's memory where there is none
# (each worker then warms its own copy, which changes nothing in a steady state).
if os.environ.get("BENCH_PAGE_CACHE") == "1":
    PUBLIC_PAGE_CACHE_SECONDS = 3600
    if not REDIS_URL:
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
