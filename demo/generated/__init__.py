"""A large, realistic data set: `manage.py generate_data` (load tests, demonstrations).

Every value comes from one `random.Random(seed)` and the month the data runs up to, so the same
arguments on the same starting database give the same records. The records are built in memory
first (issues choose their entries there, and what a published issue contains is made public as
publishing would), then written with `bulk_create` in batches, in one transaction.

The generated records have no history entries: nobody edited them, and writing one per record
would double the rows to insert.

This module holds the entry point (`generate`, `Sizes`) and the `Builder`: its state, the order
of building (which fixes the order of the random draws) and the writing. What is built comes
from the `Builder`'s parts: `committees.py`, `standards.py` (standards, comment requests,
reviews), `meetings.py` (meetings and news) and `issues.py` (issues and their publishing).
"""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone, translation

from bulletin.models import (
    Issue,
    IssueCommentRequest,
    IssueMeeting,
    IssueNewsItem,
    IssueReview,
    IssueRevision,
    NewsAttachment,
    NewsItem,
)
from common.caching import bump_public_pages
from common.dates import last_day_of_month, previous_month
from common.signals import send_records_written
from meetings.models import Meeting, MeetingSection
from standards.models import CommentRequest, Review, Standard

from .committees import Committees
from .issues import IssuesMixin
from .meetings import MeetingsMixin
from .standards import StandardsMixin

BATCH_SIZE = 2000


@dataclass(frozen=True)
class Sizes:
    standards: int = 100_000
    meetings: int = 10_000
    years: int = 5
    news_per_month: int = 20
    comment_share: float = 0.2  # of the standards, one comment request each
    review_share: float = 0.15  # of the standards, one review each


def generate(sizes=Sizes(), seed=0, until=None):
    """Generate and write the records; returns {model verbose name: rows written}.

    `until` is (year, month) of the latest issue, by default the current month.
    """
    until = until or (timezone.localdate().year, timezone.localdate().month)
    # The frozen pages link the records at their Chinese (unprefixed) addresses.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        builder = Builder(sizes, random.Random(seed), until)
        builder.build()
        written = builder.write()
        # bulk_create sends no signals: cached public pages must be told.
        bump_public_pages()
    if connection.vendor == "postgresql":
        # The planner's statistics, until autovacuum gets to them, still describe empty tables.
        with connection.cursor() as cursor:
            for model in builder.models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return written


class Builder(StandardsMixin, MeetingsMixin, IssuesMixin):
    """The records in memory, built in a fixed order from one random source, then written."""

    def __init__(self, sizes, rng, until):
        self.sizes = sizes
        self.rng = rng
        last_year, last_month = until
        self.months = [
            _add_months(last_year, last_month, -n) for n in reversed(range(sizes.years * 12))
        ]
        self.start = previous_month(*self.months[0])[0]
        self.end = last_day_of_month(last_year, last_month)
        self.last_year = last_year
        self.standards, self.comment_requests, self.reviews = [], [], []
        self.meetings, self.sections, self.related, self.meeting_reviews = [], [], [], []
        self.news, self.attachments = [], []
        self.issues, self.entries = [], []
        self.models = []  # those written to

    # Building --------------------------------------------------------------------------------

    def build(self):
        self.committees = Committees.ensure()
        self.build_standards()
        self.build_comment_requests()
        self.build_meetings()
        self.build_reviews()
        self.build_news()
        self.build_issues()

    def planned(self, standard):
        """The first day a planned standard can be open for comment or reviewed."""
        return max(self.start, datetime.date(int(standard.plan_number[:4]), 3, 1))

    def day(self, start, end):
        return start + datetime.timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    # Writing ---------------------------------------------------------------------------------

    def write(self):
        written = {}

        def insert(model, rows):
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            send_records_written(model, [row.pk for row in rows])
            written[model._meta.label] = len(rows)
            self.models.append(model)

        insert(Standard, self.standards)
        insert(CommentRequest, self.comment_requests)
        insert(Review, self.reviews)
        insert(Meeting, self.meetings)
        insert(MeetingSection, self.sections)
        related = Meeting.related_standards.through
        insert(related, [related(meeting=m, standard=s) for m, s in self.related])
        reviewed = Meeting.reviews.through
        insert(reviewed, [reviewed(meeting=m, review=r) for m, r in self.meeting_reviews])
        insert(NewsItem, self.news)
        insert(NewsAttachment, self.attachments)
        insert(Issue, self.issues)
        for entry_model, kind in [
            (IssueReview, "reviews"),
            (IssueCommentRequest, "comment_requests"),
            (IssueMeeting, "meetings"),
            (IssueNewsItem, "news"),
        ]:
            insert(
                entry_model,
                [
                    entry_model(issue=issue, order=10 * n, **{entry_model.record_field: record})
                    for issue, entries in self.entries
                    for n, record in enumerate(entries[kind], start=1)
                ],
            )
        publisher = get_user_model().objects.filter(username="publisher").first()
        insert(
            IssueRevision,
            [self.revision(issue, entries, publisher) for issue, entries in self.entries],
        )
        return written


def _add_months(year, month, months):
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1
