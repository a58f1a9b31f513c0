from django.urls import reverse

from bulletin.sitemaps import IssueSitemap, NewsItemSitemap
from common.sitemaps import BilingualSitemap
from meetings.sitemaps import MeetingSitemap
from standards.sitemaps import CommentRequestSitemap, CommitteeSitemap, StandardSitemap


class PageSitemap(BilingualSitemap):
    """The home page, the lists and the open-data API's page (its docs and full downloads)."""

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
            "api-home",
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
