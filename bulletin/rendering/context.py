"""What an issue's document prints: its parts, chapters and tables, read from its entries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from common.dates import format_month_range
from common.richtext import clean_html
from meetings.models import MeetingAttachment, MeetingPhoto, MeetingSection
from standards.models import Standard

from ..models import NewsAttachment, SecretariatProfile

# Comment requests are grouped into tables by the level of their standard, as the seed's 表2-4.
COMMENT_TABLES = [
    ({Standard.Level.MANDATORY}, "汽车强制性国家标准征求意见汇总表"),
    ({Standard.Level.RECOMMENDED, Standard.Level.GUIDANCE}, "汽车推荐性国家标准征求意见汇总表"),
    ({Standard.Level.INDUSTRY}, "汽车行业标准征求意见汇总表"),
    ({Standard.Level.INTERNATIONAL}, "国际法规征求意见汇总表"),
]


@dataclass
class Table:
    number: int
    title: str
    rows: list


@dataclass
class Chapter:
    """A numbered heading, "(1) 2022年6月汽车标准审查", with its anchor for the contents."""

    number: int
    title: str
    anchor: str
    tables: list = field(default_factory=list)
    record: object = None


@dataclass
class Part:
    number: int
    title: str
    anchor: str
    chapters: list

    @property
    def label(self):
        return f"PART {self.number:02d}"


def document_context(issue, *, revision=None, pdf_url=""):
    """What the templates need, read from the issue's chosen and ordered entries."""
    reviews = [
        entry.review
        for entry in issue.issuereview_set.select_related("review__standard__committee")
    ]
    comment_requests = [
        entry.comment_request
        for entry in issue.issuecommentrequest_set.select_related(
            "comment_request__standard", "comment_request__proposer"
        )
    ]
    meetings = [
        entry.meeting
        for entry in issue.issuemeeting_set.select_related(
            "meeting__organiser__parent"
        ).prefetch_related(
            Prefetch("meeting__sections", MeetingSection.objects.order_by("order", "pk")),
            Prefetch("meeting__photos", MeetingPhoto.objects.order_by("order", "pk")),
            Prefetch("meeting__attachments", MeetingAttachment.objects.order_by("order", "pk")),
        )
    ]
    news = [
        entry.news_item
        for entry in issue.issuenewsitem_set.prefetch_related(
            Prefetch("news_item__attachments", NewsAttachment.objects.order_by("order", "pk"))
        )
    ]
    # Cleaned again: text stored before the cleaner limited nesting must not reach WeasyPrint.
    for item in news:
        item.body = clean_html(item.body)
    for meeting in meetings:
        for section in meeting.sections.all():
            section.body = clean_html(section.body)

    table_number = 0
    standards_chapters = []
    if reviews:
        table_number += 1
        standards_chapters.append(
            Chapter(
                len(standards_chapters) + 1,
                f"{format_month_range(issue.coverage_start, issue.coverage_end)}汽车标准审查",
                "reviews",
                tables=[Table(table_number, "汽车标准审查情况表", reviews)],
            )
        )
    comment_tables = []
    for levels, title in COMMENT_TABLES:
        rows = [request for request in comment_requests if request.standard.level in levels]
        if rows:
            table_number += 1
            comment_tables.append(Table(table_number, title, rows))
    if comment_tables:
        months = format_month_range(issue.coverage_start, issue.recent_until)
        standards_chapters.append(
            Chapter(
                len(standards_chapters) + 1,
                f"{months}部分汽车标准征求意见",
                "comment-requests",
                tables=comment_tables,
            )
        )

    parts = [
        Part(1, "标准法规动态", "part-1", standards_chapters),
        Part(
            2,
            "标准会议动态",
            "part-2",
            [
                Chapter(n, meeting.title, f"meeting-{n}", record=meeting)
                for n, meeting in enumerate(meetings, start=1)
            ],
        ),
        Part(
            3,
            "行业资讯动态",
            "part-3",
            [
                Chapter(n, item.title, f"news-{n}", record=item)
                for n, item in enumerate(news, start=1)
            ],
        ),
    ]
    return {
        "issue": issue,
        "profile": SecretariatProfile.load(),
        "parts": [part for part in parts if part.chapters],
        "revision": revision,
        "pdf_url": pdf_url,
    }
