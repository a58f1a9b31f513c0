from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, get_resolver
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
