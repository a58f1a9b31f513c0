"""An issue as a document: one set of templates for its HTML page and, by WeasyPrint, its PDF."""

import copy
import math
import mimetypes
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from common.dates import format_month_range
from common.richtext import clean_html
from meetings.models import MeetingAttachment, MeetingPhoto, MeetingSection
from standards.models import Standard

from .models import NewsAttachment, SecretariatProfile
from .pdf_fonts import font_configuration

TEMPLATE = "bulletin/issue/document.html"

# The issue document is one self-contained file (frozen at publishing) with its stylesheet inline;
# it has no script at all, so its policy allows inline styles and forbids every script.
document_csp = csp_override(
    {
        "default-src": [CSP.NONE],
        "style-src": [CSP.UNSAFE_INLINE],
        # The site's policy's sources: itself, and the media origin when there is one.
        "img-src": settings.SECURE_CSP["img-src"],
        "font-src": [CSP.SELF, "data:"],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.NONE],
        "frame-ancestors": [CSP.SELF],
    }
)

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
        for entry in issue.issuemeeting_set.select_related("meeting__organiser").prefetch_related(
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


def render_document(context):
    # The bulletin is a Chinese document whatever language the editor's admin is in.
    with translation.override("zh-hans"):
        return render_to_string(TEMPLATE, context)


def render_html(issue, **context):
    return render_document(document_context(issue, **context))


def render_pdf(issue, html=None, beat=None, **context):
    """The PDF, laid out in a worker process with time and memory limits (render_worker)."""
    from .render_worker import pdf_in_worker

    html = html if html is not None else render_html(issue, **context)
    return pdf_in_worker(html, beat=beat)


def pdf_document(html):
    """The laid-out pages of an HTML document, as WeasyPrint renders them for print."""
    # Imported here: WeasyPrint loads Pango when imported, and the rest of the site must run
    # (and the system check explain) on a machine that lacks it.
    from weasyprint import HTML

    document = HTML(string=html, base_url=RENDER_BASE_URL, url_fetcher=local_fetcher()).render(
        font_config=font_configuration()
    )
    for page in document.pages:
        join_leaders(page._page_box)
    return document


def join_leaders(page_box):
    """Makes each leader (the contents' dotted lines) one run of dots instead of one box a dot.

    WeasyPrint lays a leader out as a copy of its text box for each repetition, and writing the
    PDF shapes and draws every copy on its own: the contents' ~2,000 dots took a third of the
    time of writing the July 2022 PDF. The copies stand side by side, each as wide as the text,
    so one text box of all of them, where the first stands, draws the same dots in the same
    places. Anything else than such a row of copies is left as it is.
    """
    from weasyprint.formatting_structure.boxes import TextBox

    leaders = [
        box
        for box in page_box.descendants()
        if getattr(box, "is_leader", False) and len(box.children) > 1
    ]
    for leader in leaders:
        copies = sorted(leader.children, key=lambda box: getattr(box, "position_x", 0))
        first = copies[0]
        if not all(
            isinstance(box, TextBox)
            and box.text == first.text
            and box.pango_layout is first.pango_layout
            and math.isclose(box.position_x, first.position_x + n * first.width, abs_tol=1e-6)
            for n, box in enumerate(copies)
        ):
            continue
        joined = first.copy_with_text(first.text * len(copies))
        joined.width = first.width * len(copies)
        joined.pango_layout = copy.copy(first.pango_layout)
        joined.pango_layout.text = joined.text
        leader.children = (joined,)


# Documents are rendered against a base that resolves to nothing on the network: media and
# static files are read from storage, and everything else is refused, so a render never waits
# on, or leaks to, an outside host.
RENDER_BASE_URL = "https://bulletin.invalid/"


def local_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = url.removeprefix(RENDER_BASE_URL).removeprefix("/")
            # The site's own /media/, or a separate media origin when MEDIA_URL names one.
            media = urljoin(RENDER_BASE_URL, settings.MEDIA_URL)
            static = settings.STATIC_URL.strip("/") + "/"
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            if url.startswith(media):
                # Storage names reach the page quoted (FieldFile.url), 现场.jpg as %E7%8E%B0….jpg.
                with default_storage.open(unquote(url.removeprefix(media))) as file:
                    body = file.read()
            elif url.startswith(RENDER_BASE_URL) and path.startswith(static):
                found = finders.find(path.removeprefix(static))
                if not found:
                    raise ValueError(f"No static file {path}")
                with open(found, "rb") as file:
                    body = file.read()
            else:
                raise ValueError(f"Refused to fetch {url} while rendering")
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return LocalFetcher()
