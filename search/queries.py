"""A search of the entries: the matches of a query, ranked, by page, with their facets."""

from collections import Counter

from django.conf import settings
from django.db.models import Count
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language

from standards.models import Committee

from . import highlight, segmentation
from .backends import backend
from .models import SearchEntry

FACET_SIZE = 10
FACETS = ("kind", "year", "committee")


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
        self._combinations = None

    @property
    def matched(self):
        """Entries with every word, whatever the facets."""
        if not self.words:
            return SearchEntry.objects.none()
        return backend().matching(SearchEntry.objects.all(), self.words)

    def combinations(self):
        """(kind, year, committee id, count) of the matches: the count and every facet's counts
        come from this one query."""
        if self._combinations is None:
            self._combinations = list(
                self.matched.values_list("kind", "year", "committee")
                .annotate(n=Count("pk"))
                .order_by()
            )
        return self._combinations

    def _counted(self, leaving_out=None):
        """{facet: Counter of its values} over the matches of the chosen facets but one."""
        counts = {name: Counter() for name in FACETS}
        for kind, year, committee, n in self.combinations():
            values = {"kind": kind, "year": year, "committee": committee}
            for name in FACETS:
                if all(
                    values[other] == chosen
                    for other, chosen in self.facets.items()
                    if other != name
                ):
                    counts[name][values[name]] += n
        return counts

    def count(self):
        if not self.words:
            return 0
        return sum(
            n
            for kind, year, committee, n in self.combinations()
            if all(
                {"kind": kind, "year": year, "committee": committee}[name] == value
                for name, value in self.facets.items()
            )
        )

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
            return {name: [] for name in FACETS}
        counts = self._counted()
        labels = dict(SearchEntry.Kind.choices)
        kinds = sorted(counts["kind"].items(), key=lambda item: (-item[1], item[0]))
        years = sorted(
            ((year, n) for year, n in counts["year"].items() if year is not None), reverse=True
        )[:FACET_SIZE]
        top = sorted(
            ((pk, n) for pk, n in counts["committee"].items() if pk is not None),
            key=lambda item: (-item[1], item[0]),
        )[:FACET_SIZE]
        names = (
            {
                pk: short or name
                for pk, short, name in Committee.objects.filter(pk__in=[pk for pk, _n in top])
                .values_list("pk", "short_name", "name")
                .order_by()
            }
            if top
            else {}
        )
        return {
            "kind": [(kind, labels.get(kind, kind), n) for kind, n in kinds],
            "year": [(year, year, n) for year, n in years],
            "committee": [(pk, names[pk], n) for pk, n in top if pk in names],
        }
