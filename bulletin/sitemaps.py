from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from common.sitemaps import BilingualSitemap

from .models import NewsItem
from .views import published_issues


class PageSitemap(BilingualSitemap):
    """The home page and the lists."""

    def items(self):
        return [
            "bulletin:home",
            "bulletin:issue-list",
            "standards:standard-list",
            "standards:commentrequest-list",
            "meetings:meeting-list",
            "bulletin:newsitem-list",
            "standards:committee-list",
            "bulletin:statistics",
        ]

    def location(self, url_name):
        return reverse(url_name)


class IssueSitemap(Sitemap):
    """Chinese only: an issue is served as it was published, in Chinese, under any prefix."""

    i18n = True
    languages = [settings.LANGUAGE_CODE]

    def items(self):
        return published_issues().order_by("year", "month")

    def lastmod(self, issue):
        return issue.published_revisions[0].published_at


class NewsItemSitemap(BilingualSitemap):
    def items(self):
        return NewsItem.objects.published().order_by("pk")

    def lastmod(self, news_item):
        return news_item.updated_at
