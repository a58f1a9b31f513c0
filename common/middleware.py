from django.middleware.locale import LocaleMiddleware


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese on every page unless the visitor chose English (language switch or /en/ URL).

    Many browsers, in China too, ask for English by default; the browser's Accept-Language
    is therefore not consulted.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
