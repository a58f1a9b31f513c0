"""Who may change things: the admin's POSTs that matter, by role, and what they did.

A step of the issue's workflow, or another change, either happens (the admin answers with a
redirect) or is refused (403, or the login page for visitors) and leaves everything as it was.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bulletin.models import Issue
from bulletin.rendering.context import document_context
from bulletin.services import approval
from tests.bulletin.factories import IssueFactory

from .routes import LOGIN, REDIRECT, ROLES, fetch, outcome

FORBIDDEN = 403
DONE = REDIRECT  # back to the issue's page, the step taken
Status = Issue.Status

# fmt: off
TRANSITIONS = {
    # step         from              anonymous  editor     publisher  administrator
    "submit":     (Status.DRAFT,     LOGIN,     DONE,      DONE,      DONE),
    "approve":    (Status.IN_REVIEW, LOGIN,     FORBIDDEN, DONE,      DONE),
    "send_back":  (Status.IN_REVIEW, LOGIN,     FORBIDDEN, DONE,      DONE),
    "publish":    (Status.APPROVED,  LOGIN,     FORBIDDEN, DONE,      DONE),
    "correct":    (Status.PUBLISHED, LOGIN,     FORBIDDEN, DONE,      DONE),
}
# fmt: on


@pytest.fixture
def quick_publishing(monkeypatch, settings, tmp_path):
    """Publishing stores a stand-in PDF: who may publish is the question here, not the PDF."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(
        "bulletin.services.publishing.render_pdf",
        lambda issue, html, **kwargs: b"%PDF-1.7 stand-in",
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_workflow_step_is_taken_only_by_those_allowed(role, client_as, quick_publishing):
    client = client_as(role)
    issue = Issue.objects.get(year=2022, month=7)
    # Four eyes: the issue was submitted by someone else, and approved as it stands.
    submitter = get_user_model().objects.create_user("submitter")
    approved_content = approval.fingerprint(document_context(issue))
    failures = []
    for name, (source, *expected) in TRANSITIONS.items():
        Issue.objects.filter(pk=issue.pk).update(
            status=source, submitted_by=submitter, approved_content=approved_content
        )
        url = reverse("admin:bulletin_issue_transition", args=[issue.pk, name])

        response, _ = fetch(client, url, method="post", note="测试")

        wanted = expected[ROLES.index(role)]
        status = Issue.objects.get(pk=issue.pk).status
        moved = status != source
        if outcome(response) != wanted or moved != (wanted == DONE):
            failures.append(
                f"{role} POST {url}: expected {wanted}, got {response.status_code}, "
                f"status {source} → {status}"
            )

    assert failures == []


def draft_from_records(client):
    issue = IssueFactory(year=2022, month=8, number=8)
    response, _ = fetch(
        client, reverse("admin:bulletin_issue_draft", args=[issue.pk]), method="post"
    )
    # Its window's records are July's already, and offered to no other issue: the history says
    # whether it was drafted.
    return response, issue.history.filter(history_change_reason="从记录起草").exists()


def delete_a_draft_issue(client):
    issue = IssueFactory(year=2022, month=9, number=9)
    url = reverse("admin:bulletin_issue_delete", args=[issue.pk])
    response, _ = fetch(client, url, method="post", post="yes")
    return response, not Issue.objects.filter(pk=issue.pk).exists()


def change_a_published_issue(client):
    issue = IssueFactory(year=2022, month=10, number=10, status=Status.PUBLISHED)
    url = reverse("admin:bulletin_issue_change", args=[issue.pk])
    response, _ = fetch(client, url, method="post", highlights="改动", version=issue.version)
    return response, Issue.objects.get(pk=issue.pk).highlights == "改动"


def add_a_user(client):
    password = "Unguessable-pass-4721"
    url = reverse("admin:auth_user_add")
    data = {"username": "newcomer", "password1": password, "password2": password}
    response, _ = fetch(client, url, method="post", usable_password="true", **data)
    return response, get_user_model().objects.filter(username="newcomer").exists()


# fmt: off
CHANGES = {
    # change                     anonymous  editor     publisher  administrator
    draft_from_records:         (LOGIN,     DONE,      DONE,      DONE),
    delete_a_draft_issue:       (LOGIN,     FORBIDDEN, DONE,      DONE),
    # Only a draft is edited; a published issue changes through a correction.
    change_a_published_issue:   (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN),
    add_a_user:                 (LOGIN,     FORBIDDEN, FORBIDDEN, DONE),
}
# fmt: on


@pytest.mark.parametrize("role", ROLES)
def test_each_change_is_made_only_by_those_allowed(role, client_as):
    client = client_as(role)
    failures = []
    for change, expected in CHANGES.items():
        response, done = change(client)

        wanted = expected[ROLES.index(role)]
        if outcome(response) != wanted or done != (wanted == DONE):
            failures.append(
                f"{role} {change.__name__}: expected {wanted}, got {response.status_code}, "
                f"{'done' if done else 'not done'}"
            )

    assert failures == []
