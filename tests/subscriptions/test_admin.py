"""The admin: addresses for those allowed to see them, mailing progress, an editor's test copy."""

import pytest
from django.utils import timezone

from subscriptions.models import Delivery, Mailing, Subscriber

from .conftest import html_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailing(public_demo):
    subscriber = Subscriber.objects.create(
        email="secret-reader@example.org", confirmed_at=timezone.now()
    )
    mailing = Mailing.objects.create(
        kind=Mailing.Kind.ISSUE, revision=public_demo.revisions.get(), total=4, sent=3
    )
    Delivery.objects.create(mailing=mailing, subscriber=subscriber, status="sent")
    return mailing


def test_editors_see_the_progress_but_no_address(editor_client, mailing):
    changelist = editor_client.get("/admin/subscriptions/mailing/")
    change = editor_client.get(f"/admin/subscriptions/mailing/{mailing.pk}/change/")

    assert "3 / 4" in changelist.text
    assert change.status_code == 200
    assert "secret-reader@example.org" not in change.text
    assert editor_client.get("/admin/subscriptions/subscriber/").status_code == 403


def test_publishers_see_the_addresses(publisher_client, mailing):
    change = publisher_client.get(f"/admin/subscriptions/mailing/{mailing.pk}/change/")

    assert "secret-reader@example.org" in change.text
    assert (
        "secret-reader@example.org" in publisher_client.get("/admin/subscriptions/subscriber/").text
    )


def test_an_editor_sends_a_test_copy_of_a_draft_issue_to_themselves(
    editor_client, smtp, django_user_model, demo
):
    from bulletin.models import Issue

    django_user_model.objects.filter(username="editor").update(email="editor@example.org")
    issue = Issue.objects.get()

    response = editor_client.post(
        "/admin/subscriptions/mailing/test-copy/", {"issue": issue.pk, "language": "zh-hans"}
    )

    assert response.status_code == 302
    [mail] = smtp.messages
    assert mail["To"] == "editor@example.org"
    assert mail["Subject"].startswith("【测试】")
    assert issue.title in html_of(mail)
    assert not Subscriber.objects.exists()


def test_the_issue_page_links_the_test_copy_with_the_issue_chosen(editor_client, demo):
    from bulletin.models import Issue

    issue = Issue.objects.get()
    page = editor_client.get(f"/admin/bulletin/issue/{issue.pk}/change/")
    link = f"/admin/subscriptions/mailing/test-copy/?issue={issue.pk}"

    assert link in page.text
    form = editor_client.get(link)
    assert f'<option value="{issue.pk}" selected>' in form.text
