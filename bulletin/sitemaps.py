from django.conf import settings
from django.db.models import Max

from common.sitemaps import BilingualSitemap, PagedSitemap

from .models import NewsItem
from .views import published_issues


class IssueSitemap(PagedSitemap):
    """Chinese only: an issue is served as it was published, in Chinese, under any prefix."""

    i18n = True
    languages = [settings.LANGUAGE_CODE]

    def items(self):
        return published_issues().order_by("year", "month")

    def lastmod(self, issue):
        return issue.published_revisions[0].published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("revisions__published_at"))["latest"]


class NewsItemSitemap(BilingualSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return NewsItem.objects.published().order_by("pk")
