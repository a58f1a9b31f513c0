from django.db.models import Max

from common.sitemaps import BilingualSitemap

from .models import NewsItem
from .views import published_issues


class IssueSitemap(BilingualSitemap):
    """The issue's page under both prefixes: the document is the Chinese one it was published
    as, on the English site's page too."""

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
