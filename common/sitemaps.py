from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet

from .site_urls import X_DEFAULT, language_tag


class PagedItems:
    """A queryset's records in each of the languages, (record, language) pairs in Django's order,
    read a page at a time.

    Django lists every record in every language before it paginates, so each page of a sitemap
    of 100,000 standards read them all; here a page costs a count and the read of its records.
    Every record has the same languages (no sitemap here varies get_languages_for_item).
    """

    def __init__(self, records, languages):
        self.records = records
        self.languages = list(languages)

    def count(self):
        return self.records.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, pairs):
        if not isinstance(pairs, slice) or pairs.step is not None:
            raise TypeError("A sitemap's items are read a page (a slice) at a time.")
        per_record = len(self.languages)
        first = pairs.start // per_record
        last = -(-pairs.stop // per_record)  # the record of the page's last pair, included
        page = [
            (record, language) for record in self.records[first:last] for language in self.languages
        ]
        offset = first * per_record
        return page[pairs.start - offset : pairs.stop - offset]


class PagedSitemap(Sitemap):
    """A section of the sitemap index, in pages of `limit` URLs (`?p=2`, …) that stay small.

    `lastmod_field` dates each URL and, by its latest value, the section in the index.
    """

    limit = 5000
    lastmod_field = None

    # Every URL on SITE_URL, as the pages name themselves (rel=canonical), whatever Host the
    # sitemap was asked on.
    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            for alternate in url["alternates"]:
                if alternate["lang_code"] != X_DEFAULT:
                    alternate["lang_code"] = language_tag(alternate["lang_code"])
        return urls

    def _items(self):
        records = self.items()
        if self.i18n and isinstance(records, QuerySet):
            return PagedItems(records, self._languages())
        return super()._items()

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None

    def get_latest_lastmod(self):
        # One aggregate, where Django would read every record.
        if self.lastmod_field is None:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]


class BilingualSitemap(PagedSitemap):
    """Each page in Chinese and in English, naming the other; the Chinese one is x-default."""

    i18n = True
    alternates = True
    x_default = True
