from django.urls import reverse

from bulletin.sitemaps import IssueSitemap, NewsItemSitemap
from common.sitemaps import BilingualSitemap
from meetings.sitemaps import MeetingSitemap
from standards.sitemaps import CommentRequestSitemap, CommitteeSitemap, StandardSitemap


class PageSitemap(BilingualSitemap):
    """The home page and the lists."""

    def items(self):
        return [
            "website:home",
            "bulletin:issue-list",
            "standards:standard-list",
            "standards:commentrequest-list",
            "meetings:meeting-list",
            "bulletin:newsitem-list",
            "standards:committee-list",
            "website:statistics",
        ]

    def location(self, url_name):
        return reverse(url_name)


# The sections of the sitemap index, in its order.
SITEMAPS = {
    "pages": PageSitemap,
    "issues": IssueSitemap,
    "standards": StandardSitemap,
    "comment-requests": CommentRequestSitemap,
    "meetings": MeetingSitemap,
    "news": NewsItemSitemap,
    "committees": CommitteeSitemap,
}
