"""Generated monthly issues: the entries each chooses, what publishing it makes public, and its
published revision (with stand-in files, `stand_ins.py`)."""

import datetime
import hashlib
from collections import defaultdict

from django.core.files.base import ContentFile
from django.utils import timezone

from bulletin.models import Issue, IssueRevision
from common.dates import previous_month

from . import stand_ins

# How many entries of each kind a generated issue chooses from its window, at most.
ISSUE_ENTRIES = {"reviews": 30, "comment_requests": 25, "meetings": 12, "news": 8}


class IssuesMixin:
    """Builds `issues` and their `entries` for the `Builder`, and each issue's revision."""

    def build_issues(self):
        """Monthly issues over the years, each choosing from its window as an editor would.

        Reviews and meetings come from the previous month, comment requests and news from then
        up to the 13th (the July 2022 issue's window); a record goes in one issue at most.
        """
        existing = set(Issue.objects.values_list("year", "month"))
        windows = {
            "reviews": (_by_month(self.reviews, _start), _start, False),
            "comment_requests": (_by_month(self.comment_requests, _start), _start, True),
            "meetings": (_by_month(self.meetings, _start), _start, False),
            "news": (_by_month(self.news, _date), _date, True),
        }
        chosen = set()
        for year, month in self.months:
            if (year, month) in existing:
                continue
            coverage_start, coverage_end = previous_month(year, month)
            recent_until = datetime.date(year, month, 13)
            entries = {}
            for kind, (by_month, key, recent) in windows.items():
                end = recent_until if recent else coverage_end
                months = [(coverage_start.year, coverage_start.month), (year, month)]
                records = [
                    record
                    for record in by_month[months[0]] + (by_month[months[1]] if recent else [])
                    if coverage_start <= key(record) <= end and id(record) not in chosen
                ]
                records.sort(key=key)
                entries[kind] = records[: ISSUE_ENTRIES[kind]]
                chosen.update(id(record) for record in entries[kind])
            highlights = [
                f"{coverage_start.year}年{coverage_start.month}月汽车标准审查",
                f"{year}年{month}月汽车标准征求意见",
                *(meeting.title for meeting in entries["meetings"][:1]),
            ]
            issue = Issue(
                year=year,
                month=month,
                number=month,
                highlights="\n".join(highlights),
                status=Issue.Status.PUBLISHED,
                coverage_start=coverage_start,
                coverage_end=coverage_end,
                recent_until=recent_until,
            )
            self.make_public(entries)
            self.issues.append(issue)
            self.entries.append((issue, entries))

    def make_public(self, entries):
        """What publishing an issue does to its records (services.make_records_public)."""
        for review in entries["reviews"]:
            review.standard.is_public = True
        for comment_request in entries["comment_requests"]:
            comment_request.is_public = comment_request.standard.is_public = True
        for meeting in entries["meetings"]:
            meeting.is_public = True
        for news_item in entries["news"]:
            news_item.is_public = True
        published = {id(m) for m in entries["meetings"]}
        for meeting, standard in self.related:
            if id(meeting) in published:
                standard.is_public = True

    def revision(self, issue, entries, publisher):
        """Revision 1 of a generated issue, with stand-in files instead of a rendering."""
        published_at = datetime.datetime(
            issue.year, issue.month, 15, 10, tzinfo=timezone.get_current_timezone()
        )
        revision = IssueRevision(
            issue=issue,
            number=1,
            note="生成的测试数据",
            published_at=min(published_at, timezone.now()),
            published_by=publisher,
        )
        sections = [
            (
                "标准审查",
                [(r.standard.title, r.standard.get_absolute_url()) for r in entries["reviews"]],
            ),
            (
                "征求意见",
                [(c.standard.title, c.get_absolute_url()) for c in entries["comment_requests"]],
            ),
            ("会议", [(m.title, m.get_absolute_url()) for m in entries["meetings"]]),
            ("行业资讯", [(n.title, n.get_absolute_url()) for n in entries["news"]]),
        ]
        page = stand_ins.issue_page(issue, sections)
        pdf = stand_ins.issue_pdf(issue.slug)
        revision.html_sha256 = hashlib.sha256(page).hexdigest()
        revision.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        revision.html.save(f"{issue.slug}.html", ContentFile(page), save=False)
        revision.pdf.save(f"bulletin-{issue.slug}-r1.pdf", ContentFile(pdf), save=False)
        return revision


def _by_month(records, key):
    grouped = defaultdict(list)
    for record in records:
        grouped[key(record).year, key(record).month].append(record)
    return grouped


def _start(record):
    return record.start_date


def _date(record):
    return record.date
