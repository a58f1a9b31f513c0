"""The Content Security Policy in a real browser: no page of the site or the admin needs
anything it refuses, and the admin's editor still works under it."""

import pytest

from bulletin.models import NewsItem
from meetings.models import Meeting
from standards.models import Standard

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/standards/",
    "/comment-requests/?state=closed",
    "/meetings/",
    "/news/",
    "/statistics/",
    "/issues/",
    "/issues/2022/07/",
    "/en/standards/",
]


def violations_on(page, urls):
    """Every CSP refusal the browser reports while loading each URL."""
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for url in urls:
        response = page.goto(url)
        assert response.status < 400, url
        page.wait_for_load_state("networkidle")
    return found


@pytest.fixture
def editor_page(logged_in):
    """A browser logged in to the admin as the demo editor."""
    return logged_in("editor").new_page()


def test_no_public_page_needs_what_the_policy_refuses(page):
    assert violations_on(page, PUBLIC_PAGES) == []


def test_no_admin_page_needs_what_the_policy_refuses(editor_page, screenshot):
    meeting = Meeting.objects.filter(sections__isnull=False).first()
    urls = [
        "/admin/",
        "/admin/standards/standard/",
        f"/admin/standards/standard/{Standard.objects.first().pk}/change/",
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        "/admin/bulletin/newsitem/add/",
        f"/admin/bulletin/newsitem/{NewsItem.objects.first().pk}/change/",
        "/admin/bulletin/issue/",
        "/admin/standards/standard/import/",
    ]

    assert violations_on(editor_page, urls) == []
    screenshot(editor_page, "newsitem")


def test_the_rich_text_editor_still_edits_under_the_policy(editor_page):
    news = NewsItem.objects.first()
    editor_page.goto(f"/admin/bulletin/newsitem/{news.pk}/change/")

    editable = editor_page.locator(".ProseMirror").first
    editable.click()
    editor_page.keyboard.press("Control+End")
    editor_page.keyboard.type("政策之下仍可编辑")
    editor_page.locator("input[name=_save]").click()
    editor_page.wait_for_load_state("networkidle")

    news.refresh_from_db()
    assert "政策之下仍可编辑" in news.body
