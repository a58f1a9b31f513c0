"""What is approved is what is published, and whoever submits an issue does not approve it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bulletin import workflow
from bulletin.models import Issue, IssueRevision, NewsItem, RenderJob
from meetings.models import Meeting, MeetingAttachment
from tests.admin_pages import change_form_data

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
    workflow.transition(issue, "submit", editor, "请审核")
    workflow.transition(issue, "approve", publisher)
    return Issue.objects.get(pk=issue.pk)


def news_in(issue):
    return NewsItem.objects.filter(issues=issue).order_by("pk").first()


def test_an_editors_edit_after_a_corrections_approval_is_not_published(client, published_demo):
    User = get_user_model()
    editor, publisher = User.objects.get(username="editor"), User.objects.get(username="publisher")
    issue = Issue.objects.get(year=2022, month=7)
    workflow.transition(issue, "correct", publisher, "更正表2")
    workflow.transition(issue, "submit", editor, "请审核更正")
    workflow.transition(issue, "approve", publisher)
    item = news_in(issue)
    client.force_login(editor)
    url = reverse("admin:bulletin_newsitem_change", args=[item.pk])
    data = change_form_data(client.get(url))
    data["body"] = "<p>批准之后由编辑改写的正文。</p>"
    assert client.post(url, data).status_code == 302

    job = workflow.transition(issue, "publish", publisher, "更正表2")

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

    job = workflow.transition(approved, "publish", publisher, "首次发布")

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
    workflow.transition(approved, "publish", publisher)

    workflow.transition(approved, "approve", publisher, "已核对改动")
    job = workflow.transition(approved, "publish", publisher)

    assert job.status == RenderJob.Status.SUCCEEDED
    with job.revision.html.open("rb") as page:
        assert "批准之后改写的正文。" in page.read().decode()


def test_a_new_attachment_of_a_meeting_after_approval_is_caught(media, approved, users):
    _editor, publisher = users
    meeting = Meeting.objects.filter(issues=approved).order_by("pk").first()
    MeetingAttachment.objects.create(
        meeting=meeting, title="会后补充的附件", url="https://example.com/a.pdf"
    )

    job = workflow.transition(approved, "publish", publisher)

    assert job.status == RenderJob.Status.FAILED
    assert meeting.title in job.error
    approved.refresh_from_db()
    assert approved.status == Issue.Status.IN_REVIEW


def test_an_unchanged_issue_is_published(media, approved, users):
    _editor, publisher = users
    item = news_in(approved)
    item.save()  # saved again without a change

    job = workflow.transition(approved, "publish", publisher)

    assert job.status == RenderJob.Status.SUCCEEDED


def test_whoever_submitted_cannot_approve(demo, users):
    _editor, publisher = users
    issue = Issue.objects.get(year=2022, month=7)
    workflow.transition(issue, "submit", publisher, "我自己提交")

    with pytest.raises(workflow.TransitionRefused, match="不能由您批准"):
        workflow.transition(issue, "approve", publisher)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_the_admin_offers_the_submitter_no_approve_button(client, demo, users):
    _editor, publisher = users
    issue = Issue.objects.get(year=2022, month=7)
    workflow.transition(issue, "submit", publisher)
    client.force_login(publisher)

    page = client.get(reverse("admin:bulletin_issue_change", args=[issue.pk])).text
    response = client.post(
        reverse("admin:bulletin_issue_transition", args=[issue.pk, "approve"]), {"note": ""}
    )

    assert "workflow/approve/" not in page
    assert "workflow/send_back/" in page
    assert response.status_code == 302
    assert "不能由您批准" in client.get(response.url).text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_another_publisher_approves(demo, users, django_user_model):
    _editor, publisher = users
    second = django_user_model.objects.create_user("publisher2")
    second.groups.set(publisher.groups.all())
    issue = Issue.objects.get(year=2022, month=7)
    workflow.transition(issue, "submit", publisher)

    workflow.transition(issue, "approve", second)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED


def test_four_eyes_can_be_turned_off(settings, demo, users):
    settings.BULLETIN_FOUR_EYES = False
    _editor, publisher = users
    issue = Issue.objects.get(year=2022, month=7)
    workflow.transition(issue, "submit", publisher)

    workflow.transition(issue, "approve", publisher)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED
