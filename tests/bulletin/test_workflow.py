"""Review and publish: who moves an issue where, what is recorded, what publishing freezes."""

import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from bulletin import workflow
from bulletin.models import Issue, IssueRevision, RenderJob
from bulletin.rendering import render_html
from meetings.models import Meeting
from standards.models import CommentRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(demo):
    return get_user_model().objects.get(username="editor")


@pytest.fixture
def publisher(demo):
    return get_user_model().objects.get(username="publisher")


@pytest.fixture
def issue(demo):
    return Issue.objects.get(year=2022, month=7)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def read(field_file):
    with field_file.open("rb") as file:
        return file.read()


def fetch(client, url):
    """The body of a streamed response; reading it to the end closes the file, as a server does."""
    response = client.get(url)
    return response.status_code, b"".join(response.streaming_content)


def test_editor_submits_and_publisher_approves(issue, editor, publisher):
    workflow.transition(issue, "submit", editor, "请审核")
    workflow.transition(issue, "approve", publisher)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED


@pytest.mark.parametrize("name", ["approve", "publish", "send_back"])
def test_an_editor_cannot_approve_publish_or_send_back(issue, editor, publisher, name):
    workflow.transition(issue, "submit", editor)
    if name == "publish":
        workflow.transition(issue, "approve", publisher)

    with pytest.raises(PermissionDenied):
        workflow.transition(issue, name, editor, "note")

    assert not issue.revisions.exists()


def test_an_editor_is_refused_the_publish_page(editor_client, issue, editor, publisher):
    workflow.transition(issue, "submit", editor)
    workflow.transition(issue, "approve", publisher)

    url = f"/admin/bulletin/issue/{issue.pk}/workflow/publish/"
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"note": ""}).status_code == 403

    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED


def test_the_change_page_offers_each_role_its_own_buttons(editor_client, client, issue, publisher):
    page = editor_client.get(f"/admin/bulletin/issue/{issue.pk}/change/").text
    assert "workflow/submit/" in page
    assert "workflow/publish/" not in page

    client.force_login(publisher)
    workflow.transition(issue, "submit", get_user_model().objects.get(username="editor"))
    page = client.get(f"/admin/bulletin/issue/{issue.pk}/change/").text
    assert "workflow/approve/" in page
    assert "workflow/send_back/" in page


def test_a_transition_out_of_order_is_refused(issue, publisher):
    with pytest.raises(workflow.TransitionRefused):
        workflow.transition(issue, "approve", publisher)


def test_sending_back_needs_a_note_and_returns_the_issue_to_draft(issue, editor, publisher):
    workflow.transition(issue, "submit", editor)
    with pytest.raises(workflow.TransitionRefused):
        workflow.transition(issue, "send_back", publisher, "  ")

    workflow.transition(issue, "send_back", publisher, "表2 第3行的回复地址有误")

    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_every_transition_is_in_the_history_with_who_when_and_the_note(
    publisher_client, issue, editor, publisher
):
    workflow.transition(issue, "submit", editor, "请审核")
    workflow.transition(issue, "send_back", publisher, "补充会议照片")

    records = list(issue.history.order_by("history_date", "history_id"))
    assert [(r.status, r.history_user, r.history_change_reason) for r in records[-2:]] == [
        (Issue.Status.IN_REVIEW, editor, "请审核"),
        (Issue.Status.DRAFT, publisher, "补充会议照片"),
    ]
    page = publisher_client.get(f"/admin/bulletin/issue/{issue.pk}/change/").text
    assert "补充会议照片" in page
    assert "待审核 → 草稿" in page
    history_page = publisher_client.get(f"/admin/bulletin/issue/{issue.pk}/history/").text
    assert "补充会议照片" in history_page


def test_an_issue_in_review_cannot_be_edited(editor_client, issue, editor):
    workflow.transition(issue, "submit", editor)

    response = editor_client.post(f"/admin/bulletin/issue/{issue.pk}/change/", {"number": 99})

    assert response.status_code == 403
    issue.refresh_from_db()
    assert issue.number == 7


def publish(issue, editor, publisher, note=""):
    workflow.transition(issue, "submit", editor)
    workflow.transition(issue, "approve", publisher)
    return workflow.transition(issue, "publish", publisher, note)


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

    monkeypatch.setattr(workflow, "render_pdf", broken)

    job = publish(issue, editor, publisher)

    job.refresh_from_db()
    assert job.status == RenderJob.Status.FAILED
    assert "font missing" in job.error
    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED
    assert not IssueRevision.objects.exists()


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

    workflow.transition(issue, "correct", publisher, "更正表2 的回复地址")
    assert fetch(client, "/issues/2022/07/")[1] == first  # still public while corrected
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


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_publishes_the_queued_issue(
    settings, tmp_path, django_user_model
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())  # publishing is queued, not run
    issue = Issue.objects.get()
    job = issue.render_jobs.get()
    assert (issue.status, job.status) == (Issue.Status.APPROVED, RenderJob.Status.QUEUED)

    call_command("db_worker", "--batch", stdout=io.StringIO())

    issue.refresh_from_db()
    job.refresh_from_db()
    assert (issue.status, job.status) == (Issue.Status.PUBLISHED, RenderJob.Status.SUCCEEDED)
    assert job.revision.number == 1
