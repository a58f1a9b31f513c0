"""A search of the entries: the matches of a query, ranked, by page, with their facets."""

from django.conf import settings
from django.db.models import Count
from django.db.models.expressions import RawSQL
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language

from . import highlight, segmentation
from .backends import backend
from .models import SearchEntry

FACET_SIZE = 10


class Search:
    """The entries matching every word of `query` and the chosen facets (kind, year and
    committee), usable as a Paginator's object list: count() and slices of ranked entries."""

    def __init__(self, query, kind=None, year=None, committee=None):
        self.words = segmentation.query_tokens(query)
        self.facets = {
            name: value
            for name, value in (("kind", kind), ("year", year), ("committee", committee))
            if value is not None
        }
        self.pattern = highlight.pattern(self.words)
        self._count = None

    @property
    def matched(self):
        """Entries with every word, whatever the facets."""
        if not self.words:
            return SearchEntry.objects.none()
        sql, params = backend().matching(self.words)
        return SearchEntry.objects.filter(pk__in=RawSQL(sql, params))

    def filtered(self, leaving_out=None):
        chosen = {name: value for name, value in self.facets.items() if name != leaving_out}
        return self.matched.filter(**chosen)

    def count(self):
        if self._count is None:
            self._count = self.filtered().count() if self.words else 0
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not self.words:
            return []
        offset = page.start or 0
        within = None
        if self.facets:
            within = SearchEntry.objects.filter(**self.facets).values("pk").query.sql_with_params()
        ids = backend().ranked(self.words, within, page.stop - offset, offset)
        entries = SearchEntry.objects.select_related("committee").in_bulk(ids)
        results = [entries[pk] for pk in ids if pk in entries]
        language = get_language()
        for entry in results:
            entry.title_html = highlight.marked(entry.title, self.pattern)
            entry.snippet = highlight.snippet(entry.body, self.pattern) if entry.body else ""
            # The stored path is the default language's: resolved in it, reversed in this one.
            with translation.override(settings.LANGUAGE_CODE):
                entry.link = translate_url(entry.url, language)
        return results

    def facet_counts(self):
        """{"kind": [(value, label, count)], "year": …, "committee": …}, each counted with the
        other facets chosen, the largest (the latest years) first."""
        if not self.words:
            return {"kind": [], "year": [], "committee": []}
        labels = dict(SearchEntry.Kind.choices)
        kinds = (
            self.filtered("kind").values_list("kind").annotate(n=Count("pk")).order_by("-n", "kind")
        )
        years = (
            self.filtered("year")
            .filter(year__isnull=False)
            .values_list("year")
            .annotate(n=Count("pk"))
            .order_by("-year")[:FACET_SIZE]
        )
        committees = (
            self.filtered("committee")
            .filter(committee__isnull=False)
            .values_list("committee", "committee__short_name", "committee__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "committee__name")[:FACET_SIZE]
        )
        return {
            "kind": [(kind, labels.get(kind, kind), n) for kind, n in kinds],
            "year": [(year, year, n) for year, n in years],
            "committee": [(pk, short or name, n) for pk, short, name, n in committees],
        }
