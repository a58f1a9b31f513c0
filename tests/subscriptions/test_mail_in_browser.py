"""The issue mail's HTML part, received over SMTP, as Chromium lays it out (screenshots in
/tmp/subs-shots/): nothing wider than a phone's screen or a mail program's pane."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from bulletin.models import IssueRevision
from bulletin.signals import revision_published

from .conftest import html_of

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/subs-shots")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is missing"),
]


@pytest.fixture
def received(smtp, subscribe, public_demo):
    subscribe("zh@example.org")
    subscribe("en@example.org", language="en")
    smtp.clear()
    revision_published.send(sender=IssueRevision, revision=public_demo.revisions.get())
    return {message["To"].split("@")[0]: html_of(message) for message in smtp.messages}


@pytest.mark.parametrize("width", [680, 390])
def test_the_issue_mail_reads_in_a_browser(received, width, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": width, "height": 900})
        for language, html in received.items():
            page.set_content(html)
            page.screenshot(path=SHOTS / f"issue-mail-{language}-{width}.png", full_page=True)

            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{language}: {overflow}px wider than the window"
            heading = page.locator("h1").inner_text()
            assert ("July 2022" if language == "en" else "2022年7月") in heading
            assert page.locator("a[href*='/unsubscribe/']").count() == 1
            assert page.locator("table a[href^='http://testserver/']").count() > 5
        browser.close()
