"""Editors decide what the public sees: records are internal until made public."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bulletin.models import Issue, IssueRevision, NewsItem
from meetings.models import Meeting
from standards.models import CommentRequest, Standard
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, StandardFactory

pytestmark = pytest.mark.django_db


def test_a_new_record_is_internal(db):
    assert not StandardFactory().is_public
    assert Standard.objects.published().count() == 0


def test_making_a_comment_request_public_makes_its_standard_public(db):
    comment_request = CommentRequestFactory(standard__is_public=False)

    comment_request.make_public()

    assert CommentRequest.objects.published().get() == comment_request
    assert Standard.objects.published().get() == comment_request.standard


def test_a_comment_request_of_an_internal_standard_cannot_be_ticked_public(db):
    comment_request = CommentRequestFactory(standard__is_public=False)
    comment_request.is_public = True

    with pytest.raises(ValidationError) as error:
        comment_request.full_clean()

    assert "尚未公开" in str(error.value.message_dict["is_public"])


def test_the_admin_action_makes_the_selected_records_public(editor_client):
    meetings = Meeting.objects.all()[:3]
    selected = [meeting.pk for meeting in meetings]

    response = editor_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "make_public", "_selected_action": selected},
        follow=True,
    )

    assert "已公开 3 条记录" in response.text
    assert set(Meeting.objects.published().values_list("pk", flat=True)) == set(selected)


def test_the_admin_action_makes_records_internal_again(editor_client):
    meeting = MeetingFactory(is_public=True)

    editor_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "make_internal", "_selected_action": [meeting.pk]},
    )

    meeting.refresh_from_db()
    assert not meeting.is_public


def test_making_a_record_public_is_in_its_history(db):
    meeting = MeetingFactory()

    meeting.make_public()

    assert [record.is_public for record in meeting.history.order_by("history_date")] == [
        False,
        True,
    ]


def test_a_record_made_internal_disappears_from_the_site(client, public_demo):
    meeting = Meeting.objects.published().first()

    meeting.make_internal()

    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert meeting.title not in client.get(reverse("meetings:meeting-list")).text


def test_the_admin_offers_view_on_site_only_for_public_records(editor_client):
    internal = MeetingFactory(is_public=False)
    public = MeetingFactory(is_public=True)

    internal_page = editor_client.get(reverse("admin:meetings_meeting_change", args=[internal.pk]))
    public_page = editor_client.get(reverse("admin:meetings_meeting_change", args=[public.pk]))

    assert public.get_absolute_url() in public_page.text
    assert internal.get_absolute_url() not in internal_page.text


def test_the_admin_offers_view_on_site_for_an_issue_only_once_it_is_published(editor_client):
    issue = Issue.objects.get()
    url = reverse("admin:bulletin_issue_change", args=[issue.pk])

    draft_page = editor_client.get(url)
    draft_status = editor_client.get(issue.get_absolute_url()).status_code
    IssueRevision.objects.create(issue=issue, number=1, html_sha256="0" * 64, pdf_sha256="1" * 64)
    published_page = editor_client.get(url)

    assert (draft_status, 'class="viewsitelink"' in draft_page.text) == (404, False)
    assert f'href="{issue.get_absolute_url()}" class="viewsitelink"' in published_page.text


@pytest.mark.parametrize("model", [Standard, CommentRequest, Meeting, NewsItem], ids=str)
def test_view_on_site_appears_with_the_public_page_of_each_kind_of_record(
    editor_client, client, model
):
    record = model.objects.order_by("pk").first()
    record.make_internal()
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])

    internal_page = editor_client.get(url)
    internal_status = client.get(record.get_absolute_url()).status_code
    record.make_public()
    public_page = editor_client.get(url)

    assert (internal_status, 'class="viewsitelink"' in internal_page.text) == (404, False)
    assert client.get(record.get_absolute_url()).status_code == 200
    assert f'href="{record.get_absolute_url()}" class="viewsitelink"' in public_page.text
