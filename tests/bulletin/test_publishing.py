"""Publishing: what it freezes and keeps, corrections, and that what is approved is published."""

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bulletin import services
from bulletin.models import Issue, IssueRevision, NewsItem, RenderJob
from bulletin.rendering.html import render_html
from bulletin.services import publishing
from meetings.models import Meeting, MeetingAttachment
from standards.models import CommentRequest
from tests.admin_pages import change_form_data
from tests.bulletin.jobs import assert_failed_and_still_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def users(demo):
    User = get_user_model()
    return User.objects.get(username="editor"), User.objects.get(username="publisher")


@pytest.fixture
def approved(users):
    """The July 2022 issue submitted by the editor and approved by the publisher."""
    editor, publisher = users
    issue = Issue.objects.get(year=2022, month=7)
    services.transition(issue, "submit", editor, "请审核")
    services.transition(issue, "approve", publisher)
    return Issue.objects.get(pk=issue.pk)


@pytest.fixture
def editor(users):
    return users[0]


@pytest.fixture
def publisher(users):
    return users[1]


@pytest.fixture
def issue(demo):
    return Issue.objects.get(year=2022, month=7)


def read(field_file):
    with field_file.open("rb") as file:
        return file.read()


def fetch(client, url):
    """The body of a streamed response; reading it to the end closes the file, as a server does."""
    response = client.get(url)
    return response.status_code, b"".join(response.streaming_content)


def news_in(issue):
    return NewsItem.objects.filter(issues=issue).order_by("pk").first()


def test_an_editors_edit_after_a_corrections_approval_is_not_published(client, published_demo):
    User = get_user_model()
    editor, publisher = User.objects.get(username="editor"), User.objects.get(username="publisher")
    issue = Issue.objects.get(year=2022, month=7)
    services.transition(issue, "correct", publisher, "更正表2")
    services.transition(issue, "submit", editor, "请审核更正")
    services.transition(issue, "approve", publisher)
    item = news_in(issue)
    client.force_login(editor)
    url = reverse("admin:bulletin_newsitem_change", args=[item.pk])
    data = change_form_data(client.get(url))
    data["body"] = "<p>批准之后由编辑改写的正文。</p>"
    assert client.post(url, data).status_code == 302

    job = services.transition(issue, "publish", publisher, "更正表2")

    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED
    assert item.title in job.error
    assert list(IssueRevision.objects.values_list("number", flat=True)) == [1]
    with IssueRevision.objects.get().html.open("rb") as page:
        assert "批准之后由编辑改写的正文。" not in page.read().decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_an_edit_after_approval_is_not_published(media, approved, users):
    _editor, publisher = users
    item = news_in(approved)
    item.body = "<p>批准之后偷偷改写的正文。</p>"
    item.save()  # as the editor's admin form saves it

    job = services.transition(approved, "publish", publisher, "首次发布")

    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED
    assert "批准后内容已改变" in job.error and item.title in job.error
    assert not IssueRevision.objects.exists()
    approved.refresh_from_db()
    assert approved.status == Issue.Status.IN_REVIEW
    note = approved.history.order_by("-history_date", "-history_id").first()
    assert note.status == Issue.Status.IN_REVIEW
    assert item.title in note.history_change_reason


def test_the_edit_is_published_once_approved_again(media, approved, users):
    _editor, publisher = users
    item = news_in(approved)
    item.body = "<p>批准之后改写的正文。</p>"
    item.save()
    services.transition(approved, "publish", publisher)

    services.transition(approved, "approve", publisher, "已核对改动")
    job = services.transition(approved, "publish", publisher)

    assert job.status == RenderJob.Status.SUCCEEDED
    with job.revision.html.open("rb") as page:
        # Its text, without the spans that keep a paragraph's last characters together.
        assert "批准之后改写的正文。" in re.sub(r"<[^>]+>", "", page.read().decode())


def test_a_new_attachment_of_a_meeting_after_approval_is_caught(media, approved, users):
    _editor, publisher = users
    meeting = Meeting.objects.filter(issues=approved).order_by("pk").first()
    MeetingAttachment.objects.create(
        meeting=meeting, title="会后补充的附件", url="https://example.com/a.pdf"
    )

    job = services.transition(approved, "publish", publisher)

    assert job.status == RenderJob.Status.FAILED
    assert meeting.title in job.error
    approved.refresh_from_db()
    assert approved.status == Issue.Status.IN_REVIEW


def test_an_unchanged_issue_is_published(media, approved, users):
    _editor, publisher = users
    item = news_in(approved)
    item.save()  # saved again without a change

    job = services.transition(approved, "publish", publisher)

    assert job.status == RenderJob.Status.SUCCEEDED


def publish(issue, editor, publisher, note=""):
    services.transition(issue, "submit", editor)
    services.transition(issue, "approve", publisher)
    return services.transition(issue, "publish", publisher, note)


def test_publishing_runs_a_render_job_and_stores_both_files_with_their_hashes(
    media, issue, editor, publisher
):
    job = publish(issue, editor, publisher)

    assert job.status == RenderJob.Status.SUCCEEDED
    assert job.task_id
    revision = job.revision
    issue.refresh_from_db()
    assert issue.status == Issue.Status.PUBLISHED
    assert revision.number == 1
    pdf = read(revision.pdf)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == revision.pdf_sha256
    assert hashlib.sha256(read(revision.html)).hexdigest() == revision.html_sha256


def test_a_failed_render_leaves_the_issue_approved_and_says_why(
    media, issue, editor, publisher, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("font missing")

    monkeypatch.setattr(publishing, "render_pdf", broken)

    job = publish(issue, editor, publisher)

    assert_failed_and_still_approved(job, issue, "font missing")


def test_the_published_pdf_and_page_are_byte_identical_after_records_change(client, published_demo):
    revision = IssueRevision.objects.get()
    pdf_before = fetch(client, "/issues/2022/07/pdf/")[1]
    page_before = fetch(client, "/issues/2022/07/")[1]
    assert hashlib.sha256(pdf_before).hexdigest() == revision.pdf_sha256

    meeting = Meeting.objects.get(title__startswith="电动商用车换电标准起草组")
    meeting.title = "电动商用车换电标准起草组第七次会议（已更正）"
    meeting.save()
    CommentRequest.objects.update(reply_to="changed@example.com")

    assert fetch(client, "/issues/2022/07/pdf/")[1] == pdf_before
    assert fetch(client, "/issues/2022/07/")[1] == page_before
    # while a fresh rendering would show the edit
    assert "（已更正）" in render_html(revision.issue)
    assert "（已更正）" not in page_before.decode()


def test_a_correction_is_a_new_revision_and_the_first_stays_reachable(client, published_demo):
    issue = Issue.objects.get()
    editor = get_user_model().objects.get(username="editor")
    publisher = get_user_model().objects.get(username="publisher")
    first = fetch(client, "/issues/2022/07/r1/")[1]
    latest_first = fetch(client, "/issues/2022/07/")[1]  # the same file, its own canonical link

    services.transition(issue, "correct", publisher, "更正表2 的回复地址")
    assert fetch(client, "/issues/2022/07/")[1] == latest_first  # still public while corrected
    job = publish(issue, editor, publisher, "更正表2 的回复地址")

    assert job.revision.number == 2
    latest = fetch(client, "/issues/2022/07/")[1].decode()
    assert "第 2 版" in latest and "更正表2 的回复地址" in latest
    assert fetch(client, "/issues/2022/07/r1/")[1] == first
    assert fetch(client, "/issues/2022/07/r2/pdf/")[0] == 200


def test_an_unpublished_issue_is_not_public(client, issue):
    assert client.get("/issues/2022/07/").status_code == 404
    assert client.get("/issues/2022/07/pdf/").status_code == 404
    assert client.get("/issues/2022/07/r1/").status_code == 404
