"""Every URL pattern of the project, found by walking the resolver, and a concrete URL for each."""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from bulletin.models import Issue, RenderJob
from common.exports import FORMATS
from meetings.models import MeetingAttachment
from standards.models import Standard
from website.sitemaps import SITEMAPS

ROLES = ["anonymous", "editor", "publisher", "administrator"]

# What a page needs in its query string to answer at all.
QUERIES = {
    # the field whose autocomplete is asked: a standard's committee
    "admin:autocomplete": {
        "app_label": "standards",
        "model_name": "standard",
        "field_name": "committee",
        "term": "电",
    },
}


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the route itself for a pattern without a name
    route: str  # the whole route, as the resolver spells it
    name: str | None  # for reverse(); None when the pattern has no name
    pattern: object  # the URLPattern
    i18n: bool  # under i18n_patterns: served in Chinese at / and in English under /en/
    model: type | None  # for the admin's per-model pages, the model they edit

    @property
    def parameters(self):
        regex = self.pattern.pattern.regex
        return list(regex.groupindex) or [None] * regex.groups


def admin_models():
    """The admin's per-model route prefixes ("standards/standard/") and their models."""
    return {
        f"{model._meta.app_label}/{model._meta.model_name}/": model
        for model in admin.site._registry
    }


def project_routes():
    models = admin_models()
    routes = []

    def walk(patterns, prefix="", namespace="", i18n=False, model=None):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    route,
                    f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                    i18n or isinstance(pattern.pattern, LocalePrefixPattern),
                    models.get(str(pattern.pattern)) if namespace == "admin:" else model,
                )
                continue
            name = f"{namespace}{pattern.name}" if pattern.name else None
            routes.append(Route(name or route, route, name, pattern, i18n, model))

    walk(get_resolver().url_patterns)
    return routes


class Fill:
    """Fills a route's parameters from the objects a test has set up.

    `objects` maps a model to the instance its pages are requested with: a public record for
    the public detail pages, any record for the admin's pages. `issue` is the published issue
    whose year and month the public issue pages take.
    """

    def __init__(self, objects, issue):
        self.objects = objects
        self.issue = issue

    def urls(self, route):
        """The concrete URLs of a route: both languages of a public page, both export formats,
        every section of the sitemap."""
        languages = ["zh-hans", "en"] if route.i18n else ["zh-hans"]
        urls = []
        for kwargs in self._variants(route):
            for language in languages:
                with translation.override(language):
                    url = self._reverse(route, kwargs)
                query = QUERIES.get(route.key)
                urls.append(f"{url}?{urlencode(query)}" if query else url)
        return urls

    def _variants(self, route):
        parameters = route.parameters
        if "format" in parameters:
            return [{**self._kwargs(route), "format": format} for format in FORMATS]
        if "section" in parameters:
            return [{"section": section} for section in SITEMAPS]
        return [self._kwargs(route)]

    def _reverse(self, route, kwargs):
        if route.name is None:
            return self._unnamed(route)
        if route.key.endswith("_simple_history"):
            record = self.objects[route.model]
            history_id = record.history.order_by("-history_id").first().history_id
            return reverse(route.name, args=[record.pk, history_id])
        return reverse(route.name, kwargs=kwargs)

    def _unnamed(self, route):
        if route.model is not None:  # the admin's old-style object URL, redirecting to its change
            change = f"admin:{route.model._meta.app_label}_{route.model._meta.model_name}_change"
            return reverse(change, args=[self.objects[route.model].pk]).removesuffix("change/")
        if str(route.pattern.pattern) == "(?P<url>.*)$":  # the admin's catch-all
            return reverse("admin:index") + "no-such-page/"
        raise LookupError(f"No URL for the unnamed route {route.route}")

    def _kwargs(self, route):
        if route.key == "admin:view_on_site":
            standard = self.objects[Standard]
            content_type = ContentType.objects.get_for_model(standard)
            return {"content_type_id": content_type.pk, "object_id": standard.pk}
        values = {
            "year": self.issue.year,
            "month": self.issue.month,
            "number": 1,
            "app_label": "standards",
            "id": self.objects[get_user_model()].pk,
            "name": "publish",
            "url": "no-such-page/",
            "signed": "no-such-link",  # the subscription links' signed token: forged here
        }
        if MeetingAttachment in self.objects:  # the media view's: a public meeting's file
            values["path"] = self.objects[MeetingAttachment].file.name
        kwargs = {}
        for parameter in route.parameters:
            if parameter in values:
                kwargs[parameter] = values[parameter]
            elif parameter in ("pk", "object_id"):
                kwargs[parameter] = self.objects[route.model or self._view_model(route)].pk
            elif parameter == "job":  # a background job of the record, e.g. an issue's preview
                kwargs[parameter] = self.objects[RenderJob].pk
            elif parameter == "key":  # an API record's: its id, an issue's YYYY-MM
                kwargs[parameter] = self._api_key(route)
        return kwargs

    def _api_key(self, route):
        model = route.pattern.callback.cls.list_view.queryset.model
        if model is Issue:
            return f"{self.issue.year}-{self.issue.month:02d}"
        return self.objects[model].pk

    @staticmethod
    def _view_model(route):
        view = route.pattern.callback.view_class
        return view.model or view.queryset.model


# What a request came to, as the matrix writes it: a status code, or where a 302 went.
LOGIN = "302 to the admin login"
REDIRECT = "302 elsewhere"


def fetch(client, url, method="get", **data):
    """The response and its whole body; a streamed body is read, which also closes its file.

    (The test client closes other responses itself; closing them again would send
    request_finished and close the database connection, which PostgreSQL would then lack.)
    """
    response = getattr(client, method)(url, data or None)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def outcome(response):
    if response.status_code == 302:
        login = urlsplit(response["Location"]).path == reverse("admin:login")
        return LOGIN if login else REDIRECT
    return response.status_code
