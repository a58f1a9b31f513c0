"""Review: who moves an issue where, what is recorded, and four eyes on every approval."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bulletin import services
from bulletin.models import Issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(demo):
    return get_user_model().objects.get(username="editor")


@pytest.fixture
def publisher(demo):
    return get_user_model().objects.get(username="publisher")


@pytest.fixture
def users(editor, publisher):
    return editor, publisher


@pytest.fixture
def issue(demo):
    return Issue.objects.get(year=2022, month=7)


def test_editor_submits_and_publisher_approves(issue, editor, publisher):
    services.transition(issue, "submit", editor, "请审核")
    services.transition(issue, "approve", publisher)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED


@pytest.mark.parametrize("name", ["approve", "publish", "send_back"])
def test_an_editor_cannot_approve_publish_or_send_back(issue, editor, publisher, name):
    services.transition(issue, "submit", editor)
    if name == "publish":
        services.transition(issue, "approve", publisher)

    with pytest.raises(PermissionDenied):
        services.transition(issue, name, editor, "note")

    assert not issue.revisions.exists()


def test_an_editor_is_refused_the_publish_page(editor_client, issue, editor, publisher):
    services.transition(issue, "submit", editor)
    services.transition(issue, "approve", publisher)

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
    services.transition(issue, "submit", get_user_model().objects.get(username="editor"))
    page = client.get(f"/admin/bulletin/issue/{issue.pk}/change/").text
    assert "workflow/approve/" in page
    assert "workflow/send_back/" in page


def test_a_transition_out_of_order_is_refused(issue, publisher):
    with pytest.raises(services.TransitionRefused):
        services.transition(issue, "approve", publisher)


def test_sending_back_needs_a_note_and_returns_the_issue_to_draft(issue, editor, publisher):
    services.transition(issue, "submit", editor)
    with pytest.raises(services.TransitionRefused):
        services.transition(issue, "send_back", publisher, "  ")

    services.transition(issue, "send_back", publisher, "表2 第3行的回复地址有误")

    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_every_transition_is_in_the_history_with_who_when_and_the_note(
    publisher_client, issue, editor, publisher
):
    services.transition(issue, "submit", editor, "请审核")
    services.transition(issue, "send_back", publisher, "补充会议照片")

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
    services.transition(issue, "submit", editor)

    response = editor_client.post(f"/admin/bulletin/issue/{issue.pk}/change/", {"number": 99})

    assert response.status_code == 403
    issue.refresh_from_db()
    assert issue.number == 7


def test_whoever_submitted_cannot_approve(demo, users):
    _editor, publisher = users
    issue = Issue.objects.get(year=2022, month=7)
    services.transition(issue, "submit", publisher, "我自己提交")

    with pytest.raises(services.TransitionRefused, match="不能由您批准"):
        services.transition(issue, "approve", publisher)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_REVIEW


def test_the_admin_offers_the_submitter_no_approve_button(client, demo, users):
    _editor, publisher = users
    issue = Issue.objects.get(year=2022, month=7)
    services.transition(issue, "submit", publisher)
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
    services.transition(issue, "submit", publisher)

    services.transition(issue, "approve", second)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED


def test_four_eyes_can_be_turned_off(settings, demo, users):
    settings.BULLETIN_FOUR_EYES = False
    _editor, publisher = users
    issue = Issue.objects.get(year=2022, month=7)
    services.transition(issue, "submit", publisher)

    services.transition(issue, "approve", publisher)

    issue.refresh_from_db()
    assert issue.status == Issue.Status.APPROVED


def test_a_step_refused_as_stale_names_who_saved_the_issue_meanwhile(
    editor_client, issue, publisher, monkeypatch
):
    def saved_meanwhile(stale, name, user, note=""):
        fresh = Issue.objects.get(pk=stale.pk)
        fresh._history_user = publisher
        fresh.save()
        stale.save()  # the copy the step loaded, one version behind now

    monkeypatch.setattr(services, "transition", saved_meanwhile)
    url = reverse("admin:bulletin_issue_transition", args=[issue.pk, "submit"])

    response = editor_client.post(url, {"note": ""}, follow=True)

    assert "被 publisher 修改，您的修改没有保存" in response.text
