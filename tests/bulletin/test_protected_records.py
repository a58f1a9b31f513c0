"""A record a published issue carries cannot be deleted (a correction would silently drop it);
it can be made internal instead, and the admin says so."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from bulletin.models import Issue, NewsItem
from meetings.models import Meeting
from standards.models import CommentRequest, Review, Standard
from tests.bulletin.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

CARRIED = [
    lambda issue: Review.objects.filter(issues=issue).first(),
    lambda issue: CommentRequest.objects.filter(issues=issue).first(),
    lambda issue: Meeting.objects.filter(issues=issue).first(),
    lambda issue: NewsItem.objects.filter(issues=issue).first(),
    lambda issue: Standard.objects.filter(reviews__issues=issue).first(),
    lambda issue: Standard.objects.filter(comment_requests__issues=issue).first(),
]


@pytest.fixture
def issue(public_demo):
    return Issue.objects.get(year=2022, month=7)


@pytest.mark.parametrize("carried", CARRIED)
def test_a_record_of_a_published_issue_cannot_be_deleted(issue, carried):
    record = carried(issue)

    with pytest.raises(ProtectedError, match="2022/07"):
        record.delete()

    assert type(record).objects.filter(pk=record.pk).exists()


def test_a_queryset_delete_is_refused_too(issue):
    with pytest.raises(ProtectedError):
        Meeting.objects.filter(issues=issue).delete()

    assert Meeting.objects.filter(issues=issue).count() == issue.meetings.count() > 0


def test_a_record_of_a_draft_issue_is_deleted_with_its_entry(demo):
    item = NewsItem.objects.filter(issues__year=2022).first()

    item.delete()

    assert not NewsItem.objects.filter(pk=item.pk).exists()


def test_a_record_no_issue_carries_is_deleted(issue):
    item = NewsItemFactory()

    item.delete()

    assert not NewsItem.objects.filter(pk=item.pk).exists()


def test_the_admin_refuses_the_delete_and_suggests_making_it_internal(editor_client, issue):
    meeting = Meeting.objects.filter(issues=issue).first()
    url = reverse("admin:meetings_meeting_delete", args=[meeting.pk])

    page = editor_client.get(url).text
    editor_client.post(url, {"post": "yes"})

    assert "内部记录" in page and "2022/07" in page
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_bulk_delete_action_is_refused(editor_client, issue):
    pks = list(NewsItem.objects.filter(issues=issue).values_list("pk", flat=True))
    url = reverse("admin:bulletin_newsitem_changelist")

    response = editor_client.post(
        url, {"action": "delete_selected", "_selected_action": pks, "post": "yes"}
    )

    assert "内部记录" in response.text
    assert NewsItem.objects.filter(pk__in=pks).count() == len(pks)


def test_it_can_be_made_internal(issue):
    meeting = Meeting.objects.filter(issues=issue).first()

    meeting.make_internal()

    meeting.refresh_from_db()
    assert not meeting.is_public
