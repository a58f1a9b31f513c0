"""Published issues as RSS and Atom feeds, the newest first, each with its PDF enclosed."""

from datetime import date

from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy

from common.feeds import SiteFeed

from .models import SecretariatProfile
from .views import published_issues

ISSUES_IN_FEED = 24


class IssueRssFeed(SiteFeed):
    key = "issues"
    title = gettext_lazy("汽车标准月报")
    description = gettext_lazy("汽车标准化技术委员会秘书处：标准审查、征求意见、会议与行业资讯。")
    link = reverse_lazy("bulletin:issue-list")

    def get_object(self, request):
        return request  # items() needs it: an enclosure's URL must be absolute

    def author_name(self):
        return SecretariatProfile.load().name or str(self.title)

    def items(self, request):
        issues = list(published_issues()[:ISSUES_IN_FEED])
        for issue in issues:
            issue.latest_revision = issue.published_revisions[0]
            issue.first_revision = issue.published_revisions[-1]
            issue.pdf_url = request.build_absolute_uri(
                reverse("bulletin:issue_pdf", kwargs={"year": issue.year, "month": issue.month})
            )
        return issues

    def item_title(self, issue):
        return issue.title

    def item_description(self, issue):
        if not issue.highlight_list:
            return ""
        lines = format_html_join("", "<li>{}</li>", ((line,) for line in issue.highlight_list))
        return format_html("<ul>{}</ul>", lines)

    def item_pubdate(self, issue):
        return issue.first_revision.published_at

    def item_updateddate(self, issue):
        # A corrected revision changes the entry, which keeps its id.
        return issue.latest_revision.published_at

    def item_key(self, issue):
        # Its month, not a time of publishing or of the row's creation, which a correction or
        # reloading the records would change.
        return date(issue.year, issue.month, 1), f"issue-{issue.year}-{issue.month:02d}"

    def item_enclosures(self, issue):
        size = issue.latest_revision.pdf.size
        return [Enclosure(issue.pdf_url, str(size), "application/pdf")]


class IssueAtomFeed(IssueRssFeed):
    feed_type = Atom1Feed
    subtitle = IssueRssFeed.description
