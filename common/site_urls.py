"""A page's absolute addresses on the site (SITE_URL): its canonical URL and its alternates in
the other languages, as <link rel="canonical"> and <link rel="alternate" hreflang> name them.

They are built on the configured address, never on the request's Host: a page reached by its
IP address or an old name still names the one address search engines and readers should use.
"""

from django.conf import settings
from django.http import QueryDict
from django.urls import translate_url
from django.utils.translation import to_locale

X_DEFAULT = "x-default"


def absolute_url(path):
    """A path of the site (/standards/7/) as the absolute URL it has on SITE_URL."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def language_tag(code):
    """A language of LANGUAGES as BCP 47 writes it in hreflang: zh-hans as zh-Hans."""
    return to_locale(code).replace("_", "-")


def canonical_query(query, kept):
    """A query string of the parameters that make the page, in the request's order: those named
    in `kept` that have a value, and not the first page, which is the page without it."""
    chosen = QueryDict(mutable=True)
    for name, values in query.lists():
        for value in values:
            if name in kept and value != "" and (name, value) != ("page", "1"):
                chosen.appendlist(name, value)
    return chosen.urlencode()


def page_links(path, query=""):
    """The canonical URL of the page at `path` (with its canonical query) and its alternates:
    one per language, and the default language's again as x-default."""
    here = f"{path}?{query}" if query else path
    alternates = [
        {"hreflang": language_tag(code), "href": absolute_url(translate_url(here, code))}
        for code, _name in settings.LANGUAGES
    ]
    default = absolute_url(translate_url(here, settings.LANGUAGE_CODE))
    alternates.append({"hreflang": X_DEFAULT, "href": default})
    return {"canonical": absolute_url(here), "alternates": alternates}
