"""Public comment requests as RSS and Atom feeds, the most recently opened first."""

from datetime import datetime, time

from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.feeds import SiteFeed

from .models import CommentRequest

ITEMS_IN_FEED = 50


class CommentRequestRssFeed(SiteFeed):
    key = "comment-requests"
    title = gettext_lazy("汽车标准征求意见")
    description = gettext_lazy("公开征求意见的汽车标准草案，最近开始征求意见的在前。")
    link = reverse_lazy("standards:commentrequest-list")
    # Each entry names its proposer; the feed names the site that gathers them (RFC 4287 wants
    # an author for a feed, which an empty one would otherwise lack).
    author_name = gettext_lazy("汽车标准月报")

    def items(self):
        return (
            CommentRequest.objects.published()
            .select_related("standard", "proposer")
            .order_by("-start_date", "-pk")[:ITEMS_IN_FEED]
        )

    def item_title(self, item):
        return item.standard.title

    def item_description(self, item):
        standard = item.standard
        facts = [
            (_("标准层级"), standard.get_level_display()),
            (_("计划号"), standard.plan_number),
            (_("提出单位"), item.proposer.name),
            (_("意见征求期"), item.period_display),
            (_("意见回复至"), item.reply_to),
        ]
        rows = format_html_join("", "<dt>{}</dt><dd>{}</dd>", (fact for fact in facts if fact[1]))
        description = format_html("<dl>{}</dl>", rows)
        if item.link:
            description += format_html(
                '<p><a href="{}">{}</a></p>', item.link, _("查看征求意见稿全文")
            )
        return description

    def item_pubdate(self, item):
        """When the request was announced: the day its period opened, or the day it was entered
        if that is earlier (a request announced ahead of its period). Never in the future: the
        deadline and the opening day are in the description, not the item's date."""
        opened = timezone.make_aware(datetime.combine(item.start_date, time.min))
        return min(opened, item.created_at)

    def item_updateddate(self, item):
        return item.updated_at

    def item_key(self, item):
        return item.created_at.date(), f"comment-request-{item.pk}"

    def item_author_name(self, item):
        return item.proposer.name


class CommentRequestAtomFeed(CommentRequestRssFeed):
    feed_type = Atom1Feed
    subtitle = CommentRequestRssFeed.description
