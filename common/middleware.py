from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import (
    LocalePrefixPattern,
    NoReverseMatch,
    Resolver404,
    URLResolver,
    get_resolver,
    reverse,
)
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese on every page unless the visitor chose English.

    The public site takes its language from the URL (English under /en/). Pages outside the
    language-prefixed URLs, the admin above all, take the language chosen with the language
    switch (a cookie). Many browsers, in China too, ask for English by default; the browser's
    Accept-Language is therefore not consulted.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
        if not _in_language_urls(request.path_info, getattr(request, "urlconf", None)):
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if language and translation.check_for_language(language):
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()


def _in_language_urls(path, urlconf):
    for pattern in get_resolver(urlconf).url_patterns:
        try:
            match = pattern.resolve(path.removeprefix("/"))
        except Resolver404:
            continue
        if match:
            return isinstance(pattern, URLResolver) and isinstance(
                pattern.pattern, LocalePrefixPattern
            )
    return True


class CanonicalPathMiddleware:
    """One address per page: a path whose numbers are written otherwise than the URLconf writes
    them (/issues/2022/7/ for /issues/2022/07/, /standards/007/) is redirected, permanently, to
    the path reverse() gives, so that links, caches and search engines know a page by one URL.

    Only routes whose captured values are all numbers are compared: reversing them gives back
    the same route with each number in its one written form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        captured = [*match.args, *match.captured_kwargs.values()]
        if request.method not in ("GET", "HEAD") or not captured:
            return None
        if not all(isinstance(value, int) for value in captured):
            return None
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.captured_kwargs)
        except NoReverseMatch:
            return None
        if path == request.path:
            return None
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
