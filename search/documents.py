"""What the search holds of each public record kind: its public queryset and its entry.

Each kind reads its records through the model's own visibility rule (published()); a record it
does not return has no entry. Titles and bodies are stored as written (in Chinese, the default
language); the page translates only its chrome.
"""

import html
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.html import strip_tags

from bulletin.models import Issue, NewsItem
from meetings.models import Meeting, MeetingSection
from standards.models import CommentRequest, Committee, Standard

from .models import SearchEntry

Kind = SearchEntry.Kind


@dataclass
class Document:
    title: str
    body: str = ""
    year: int | None = None
    committee_id: int | None = None
    # Text indexed but not shown: numbers, codes, the words a record is also known by.
    keywords: list[str] = field(default_factory=list)
    # The record's own numbers (a standard's, its plan number): ranked above any title's words,
    # so that GB/T 32960 is the standard first, then what mentions it.
    numbers: list[str] = field(default_factory=list)


def _text(*parts):
    return " ".join(part.strip() for part in parts if part and part.strip())


def _plain(rich_text):
    """A rich-text field's text as a reader sees it."""
    return html.unescape(strip_tags(rich_text or ""))


def _plan_year(plan_number):
    return int(plan_number[:4]) if plan_number[:4].isdigit() else None


def standard(record):
    return Document(
        title=_text(record.number, record.title),
        body=_text(record.english_title, record.adopted_international),
        year=_plan_year(record.plan_number),
        committee_id=record.committee_id,
        keywords=[record.adopted_international],
        numbers=[record.number, record.plan_number],
    )


def comment_request(record):
    return Document(
        title=_text(record.standard.number, record.standard.title),
        body=_text(record.standard.english_title, record.proposer.name),
        year=record.start_date.year,
        committee_id=record.standard.committee_id or record.proposer_id,
        numbers=[record.standard.number, record.standard.plan_number],
    )


def meeting(record):
    sections = [_plain(section.body) for section in record.sections.all()]
    return Document(
        title=record.title,
        body=_text(record.lead, record.attendees, *sections),
        year=record.start_date.year,
        committee_id=record.organiser_id,
        keywords=[record.organiser.name, record.organiser.short_name, record.city, record.venue],
    )


def news(record):
    return Document(
        title=record.title,
        body=_text(_plain(record.body), record.source, record.region),
        year=record.date.year if record.date else None,
    )


def issue(record):
    return Document(title=str(record.title), body=record.highlights, year=record.year)


def committee(record):
    return Document(
        title=record.name,
        body=_text(
            record.short_name if record.short_name != record.name else "",
            record.code,
            record.parent.name if record.parent else "",
        ),
        committee_id=record.pk,
        keywords=[record.code],
    )


@dataclass(frozen=True)
class KindSpec:
    kind: str
    model: type
    records: object  # () -> the public queryset, with what the document reads
    document: object


KINDS = [
    KindSpec(
        Kind.STANDARD, Standard, lambda: Standard.objects.published().order_by("pk"), standard
    ),
    KindSpec(
        Kind.COMMENT_REQUEST,
        CommentRequest,
        lambda: (
            CommentRequest.objects.published().select_related("standard", "proposer").order_by("pk")
        ),
        comment_request,
    ),
    KindSpec(
        Kind.MEETING,
        Meeting,
        lambda: (
            Meeting.objects.published()
            .select_related("organiser__parent")
            .prefetch_related(Prefetch("sections", MeetingSection.objects.only("meeting", "body")))
            .order_by("pk")
        ),
        meeting,
    ),
    KindSpec(Kind.NEWS, NewsItem, lambda: NewsItem.objects.published().order_by("pk"), news),
    KindSpec(Kind.ISSUE, Issue, lambda: Issue.objects.published().order_by("pk"), issue),
    KindSpec(
        Kind.COMMITTEE,
        Committee,
        lambda: Committee.objects.select_related("parent").order_by("pk"),
        committee,
    ),
]
BY_MODEL = {spec.model: spec for spec in KINDS}


def documents(spec, records):
    """(record, Document, url) of `records`, in the default language (the stored URLs and the
    issues' titles are the Chinese ones)."""
    with translation.override(settings.LANGUAGE_CODE):
        for record in records:
            yield record, spec.document(record), record.get_absolute_url()
