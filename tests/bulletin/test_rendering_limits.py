"""Renders are bounded: deep nesting, a slow or hungry layout and a huge issue end in a clear
message, never a 500 or a worker's memory."""

import datetime
import io
import tracemalloc

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from bulletin import services
from bulletin.models import Issue, IssueCommentRequest, NewsItem, RenderJob
from bulletin.rendering import pdf
from standards.models import CommentRequest, Committee, Standard
from tests.bulletin.jobs import assert_failed_and_still_approved

pytestmark = pytest.mark.django_db

# 100 levels of lists, 1.8 KB: WeasyPrint raised RecursionError on it.
NESTING_BOMB = "<ul><li>" * 100 + "嵌套" + "</li></ul>" * 100


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def issue(demo):
    return Issue.objects.get(year=2022, month=7)


@pytest.fixture
def users(demo):
    User = get_user_model()
    return User.objects.get(username="editor"), User.objects.get(username="publisher")


def store_unchecked(item, body):
    """Write a body as text stored before the cleaner limited nesting would be, past it."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {NewsItem._meta.db_table} SET body = %s WHERE id = %s", [body, item.pk]
        )


def messages_of(client, response):
    """The messages the admin would show on the page it redirects to."""
    assert response.status_code == 302
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_a_nesting_bomb_stored_earlier_previews_as_a_pdf(editor_client, issue):
    store_unchecked(NewsItem.objects.filter(issues=issue).first(), NESTING_BOMB)

    response = editor_client.get(reverse("admin:bulletin_issue_preview_pdf", args=[issue.pk]))

    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "嵌套" in text


def test_a_nesting_bomb_stored_earlier_is_published(media, issue, users):
    editor, publisher = users
    store_unchecked(NewsItem.objects.filter(issues=issue).first(), NESTING_BOMB)
    services.transition(issue, "submit", editor)
    services.transition(issue, "approve", publisher)

    job = services.transition(issue, "publish", publisher)

    assert job.status == RenderJob.Status.SUCCEEDED


def test_a_render_over_its_time_limit_is_a_message_on_the_preview(settings, editor_client, issue):
    settings.RENDER_TIME_LIMIT_SECONDS = 0

    response = editor_client.get(reverse("admin:bulletin_issue_preview_pdf", args=[issue.pk]))

    assert "超过时间上限" in messages_of(editor_client, response)


def test_a_render_over_its_memory_limit_fails_the_publishing_with_a_message(
    settings, media, issue, users, monkeypatch
):
    editor, publisher = users
    services.transition(issue, "submit", editor)
    services.transition(issue, "approve", publisher)
    settings.RENDER_MEMORY_LIMIT_MB = 64
    settings.RENDER_TIME_LIMIT_SECONDS = 30
    # The limit counts from the process's size at the fork, and a process that rendered before
    # keeps freed memory a small render could reuse: this render asks for 1 GB at once.
    monkeypatch.setattr(pdf, "pdf_document", lambda html: bytearray(2**30))

    job = services.transition(issue, "publish", publisher)

    assert_failed_and_still_approved(job, issue, "超过内存上限（64 MB）")


def add_comment_requests(issue, count):
    standard = Standard.objects.first()
    proposer = Committee.objects.first()
    day = datetime.date(2022, 7, 1)
    requests = CommentRequest.objects.bulk_create(
        CommentRequest(
            standard=standard,
            proposer=proposer,
            start_date=day,
            end_date=day + datetime.timedelta(days=60),
            reply_to=f"request{n}@example.com",
        )
        for n in range(count)
    )
    IssueCommentRequest.objects.bulk_create(
        IssueCommentRequest(issue=issue, comment_request=request, order=1000 + n)
        for n, request in enumerate(requests)
    )


def test_ten_thousand_comment_requests_are_refused_with_little_memory(editor_client, issue):
    add_comment_requests(issue, 10_000)
    url = reverse("admin:bulletin_issue_preview_pdf", args=[issue.pk])

    tracemalloc.start()
    response = editor_client.get(url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert "超过生成上限" in messages_of(editor_client, response)
    assert peak < 50 * 2**20


def test_an_issue_over_the_limit_cannot_be_approved(issue, users):
    editor, publisher = users
    add_comment_requests(issue, 3001)
    services.transition(issue, "submit", editor)

    with pytest.raises(services.TransitionRefused, match="超过生成上限"):
        services.transition(issue, "approve", publisher)
