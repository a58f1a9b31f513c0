"""Whole public pages kept in the cache for anonymous visitors until the next edit or publish.

Every cached page is filed under the site's current *generation*, a value kept in the same cache.
Any change to the records (a save or delete, an import, a publish, any admin POST) sets a new
generation once its transaction commits, so every page cached before it is never read again and
simply expires. Browsers are not told to keep pages: they revalidate with the ETag that
`ConditionalGetMiddleware` derives from the (cached) content and get a 304 when nothing changed.

Django's own cache middleware is not used because it ties the browser's max-age to the time a
page stays in the server's cache; here pages stay long on the server and not at all in browsers.
With several processes or machines the cache must be shared (Redis, `REDIS_URL`): the
generation is read from it on every request.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import has_vary_header, set_response_etag
from django.utils.http import parse_etags, split_directive_names

GENERATION_KEY = "public-pages:generation"
# The apps whose records public pages show; their history tables are left out below.
CONTENT_APPS = {"standards", "meetings", "bulletin"}
# Headers a cached page is served with again; CSP and the like are set afresh. A feed's
# Last-Modified is its newest item's date, which a later copy must tell as the first did.
KEPT_HEADERS = {"content-type", "content-language", "vary", "x-robots-tag", "etag", "last-modified"}


def page_cache():
    return caches[settings.PUBLIC_PAGE_CACHE]


def generation():
    """The current generation; a new one is started when the cache has lost it."""
    cache = page_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Unique rather than a counter: a counter that restarted after eviction would match
        # pages cached under its earlier run.
        value = time.time_ns()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def kept_for_generation(name, compute, timeout=24 * 60 * 60):
    """compute()'s value, computed once per content generation and kept under `name`
    (PUBLIC_COUNT_CACHE off: computed every time)."""
    if not settings.PUBLIC_COUNT_CACHE:
        return compute()
    key = f"public-kept:{generation()}:{name}"
    cache = page_cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value


def bump_public_pages():
    """Start a new generation once the current transaction commits (at once outside one)."""
    transaction.on_commit(
        lambda: page_cache().set(GENERATION_KEY, time.time_ns(), timeout=None), robust=True
    )


def _changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and not sender.__name__.startswith("Historical"):
        bump_public_pages()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"public-pages-{signal!r}")


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of the public site from the cache; see the module's docstring.

    It sits after the authentication middleware (it needs `request.user`) and inside the
    ConditionalGet and CSP middlewares, so cached pages still get their ETag, 304 and policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            if response.status_code < 400:
                # Admin actions may change records with bulk updates that send no signals.
                bump_public_pages()
            return response
        if not self.cacheable_request(request):
            return self.get_response(request)

        key = self.key(request)
        if self.revalidated(request, key):
            response = HttpResponseNotModified()
            response["ETag"] = request.headers["If-None-Match"]
            response["X-Page-Cache"] = "hit"
            return response
        cached = page_cache().get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if self.cacheable_response(request, response):
            # Hashed once here rather than by ConditionalGetMiddleware on every hit.
            set_response_etag(response)
            headers = {k: v for k, v in response.items() if k.lower() in KEPT_HEADERS}
            page_cache().set_many(
                {key: (response.content, headers), f"{key}:etag": response["ETag"]},
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response

    def cacheable_request(self, request):
        return (
            settings.PUBLIC_PAGE_CACHE_SECONDS > 0
            and not request.path_info.startswith(settings.PUBLIC_PAGE_CACHE_SKIP)
            and not request.user.is_authenticated
        )

    def revalidated(self, request, key):
        """Whether the browser holds the cached page: its ETag, kept apart from the page, is
        all that is read for the 304."""
        asked = request.headers.get("If-None-Match")
        if not asked or request.method != "GET":
            return False
        etag = page_cache().get(f"{key}:etag")
        return etag is not None and etag in parse_etags(asked)

    def key(self, request):
        # The day is part of the key: "open now" and "closes in 3 days" change overnight.
        language = getattr(request, "LANGUAGE_CODE", "")
        day = timezone.localdate().isoformat()
        return f"public-pages:{generation()}:{day}:{language}:{request.get_full_path()}"

    def cacheable_response(self, request, response):
        directives = set(split_directive_names(response.get("Cache-Control", "")))
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A page that printed the CSP nonce is good for this response's header only.
            and not getattr(request, "_csp_nonce", None)
            and not directives & {"private", "no-cache", "no-store"}
            and not has_vary_header(response, "*")
        )
