"""The XSS corpus typed into the admin runs nowhere: not on the public pages, nor in the admin.

The browser ignores the Content-Security-Policy here (bypass_csp), so that what is proved is the
cleaning of rich text and the escaping of plain text, not the policy that backs them up.
"""

import math

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from playwright.sync_api import Error

from bulletin.models import Issue, NewsItem
from bulletin.views import NewsItemListView
from common.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html
from meetings.models import Meeting, MeetingAttachment, MeetingSection
from tests.xss_corpus import FILE_PAYLOADS, MARKER, PAYLOADS, PLAIN_TEXT_PAYLOADS

pytestmark = pytest.mark.browser

# Every payload after a line of text, so that none leaves a required body empty.
BODIES = [f"<p>第{number}条</p>{payload}" for number, payload in enumerate(PAYLOADS)]
TITLES = [f"{number} {PLAIN_TEXT_PAYLOADS[number % 4]}" for number in range(len(PAYLOADS))]

POST_FORM = """async (changes) => {
    // The change form as the browser would send it, with the fields changed: straight to the
    // server, past the editor, which would drop the markup before the server ever saw it.
    const form = document.querySelector("#content-main form");
    const statuses = [];
    for (const fields of changes) {
        const data = new FormData(form);
        for (const [name, value] of Object.entries(fields)) data.set(name, value);
        // Saved, the admin redirects; a form with errors comes back as a page.
        const options = {method: "POST", body: data, redirect: "manual"};
        const response = await fetch(location.href, options);
        statuses.push(response.type === "opaqueredirect" ? "saved" : await response.text());
    }
    return statuses;
}"""

# The typesetting's own no-break spans (bulletin/rendering/typesetting.py) are the page's, not
# the editor's: a span with any other attribute or class still counts.
RICH_TEXT_MARKUP = """() => [...document.querySelectorAll(".rich-text *")].filter(
    (element) => !(element.localName === "span" && element.getAttributeNames().join() === "class"
        && element.className === "keep")
).map(
    (element) => [
        element.localName,
        element.getAttributeNames(),
        element.localName === "a" && element.hasAttribute("href") ? element.protocol : null,
    ]
)"""


class Watch:
    """What a page runs that it should not: dialogs, the corpus's marker, script errors."""

    def __init__(self, page):
        self.page = page
        self.dialogs = []
        self.errors = []
        self.console = []
        page.on("dialog", self.dismiss)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.console.append(message.text))

    def dismiss(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url):
        response = self.page.goto(url)
        assert response.status == 200, url
        # Some handlers (ontoggle, onbegin) would run in a task queued as the page loads.
        self.page.wait_for_timeout(100)

    def assert_nothing_ran(self):
        markers = {
            frame.url: frame.evaluate(f"typeof window.{MARKER}") for frame in self.page.frames
        }
        ran = {url: kind for url, kind in markers.items() if kind != "undefined"}
        assert (ran, self.dialogs, self.errors) == ({}, [], []), (self.page.url, self.console)


def assert_rich_text_is_clean(page):
    for tag, attributes, protocol in page.evaluate(RICH_TEXT_MARKUP):
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert tag in ALLOWED_TAGS, (page.url, tag)
        assert set(attributes) <= allowed, (page.url, tag, attributes)
        assert protocol in (None, "http:", "https:", "mailto:"), (page.url, protocol)


@pytest.fixture
def visitor(browser, site):
    context = browser.new_context(base_url=site, bypass_csp=True)
    yield Watch(context.new_page())
    context.close()


@pytest.fixture
def editor(logged_in):
    return Watch(logged_in("editor", bypass_csp=True).new_page())


@pytest.fixture
def corpus(editor, screenshot):
    """The corpus saved through the admin's forms: a news item per payload, every payload in a
    section of a meeting of the July issue, and all of them in one body of one of its news items.
    """
    issue = Issue.objects.get(year=2022, month=7)
    meeting = issue.meetings.order_by("pk").first()
    news_item = issue.news.order_by("pk").first()

    editor.visit(reverse("admin:bulletin_newsitem_add"))
    news = [
        {"title": title, "body": body, "date": "2022-07-20", "is_public": "on"}
        for title, body in zip(TITLES, BODIES, strict=True)
    ]
    assert editor.page.evaluate(POST_FORM, news) == ["saved"] * len(news)

    editor.visit(reverse("admin:bulletin_newsitem_change", args=[news_item.pk]))
    change = {"title": PLAIN_TEXT_PAYLOADS[0], "body": "".join(BODIES), "source": TITLES[1]}
    assert editor.page.evaluate(POST_FORM, [change]) == ["saved"]

    editor.visit(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    change = {
        "title": PLAIN_TEXT_PAYLOADS[1],
        "summary": PLAIN_TEXT_PAYLOADS[2],
        "attendees": PLAIN_TEXT_PAYLOADS[3],
        "venue": PLAIN_TEXT_PAYLOADS[0],
    }
    first = meeting.sections.count()
    change["sections-TOTAL_FORMS"] = str(first + len(BODIES))
    for number, body in enumerate(BODIES, start=first):
        change |= {
            f"sections-{number}-meeting": str(meeting.pk),
            f"sections-{number}-heading": MeetingSection.Heading.CONTENT,
            f"sections-{number}-order": str(100 + number),
            f"sections-{number}-body": body,
        }
    assert editor.page.evaluate(POST_FORM, [change]) == ["saved"]
    screenshot(editor.page, "meeting-form")

    created = NewsItem.objects.filter(date="2022-07-20").order_by("pk")
    assert list(created.values_list("title", flat=True)) == TITLES
    assert list(created.values_list("body", flat=True)) == [clean_html(b) for b in BODIES]
    bodies = meeting.sections.filter(order__gte=100).values_list("body", flat=True)
    assert list(bodies) == [clean_html(b) for b in BODIES]
    return issue, meeting, news_item, list(created)


def test_public_pages_run_none_of_the_corpus(visitor, corpus, screenshot):
    _, meeting, news_item, created = corpus

    for item, title in zip(created, TITLES, strict=True):
        visitor.visit(item.get_absolute_url())
        visitor.assert_nothing_ran()
        assert_rich_text_is_clean(visitor.page)
        assert visitor.page.locator("h1").inner_text() == title
    screenshot(visitor.page, "news-item")

    visitor.visit(news_item.get_absolute_url())
    visitor.assert_nothing_ran()
    assert_rich_text_is_clean(visitor.page)
    assert visitor.page.locator("h1").inner_text() == PLAIN_TEXT_PAYLOADS[0]
    assert visitor.page.locator("p.source").inner_text() == f"信息来源：{TITLES[1]}"
    screenshot(visitor.page, "issue-news-item")

    listed = NewsItem.objects.published().count()
    pages = math.ceil(listed / NewsItemListView.paginate_by)
    shown = []
    for number in range(1, pages + 1):
        visitor.visit(f"{reverse('bulletin:newsitem-list')}?page={number}")
        visitor.assert_nothing_ran()
        shown += visitor.page.locator("ul.cards h2").all_inner_texts()
        screenshot(visitor.page, f"news-list-{number}")
    assert set(TITLES) <= set(shown)

    visitor.visit(reverse("website:home"))
    visitor.assert_nothing_ran()
    assert TITLES[-1] in visitor.page.locator("main").inner_text()
    screenshot(visitor.page, "home")

    visitor.visit(meeting.get_absolute_url())
    screenshot(visitor.page, "meeting")
    visitor.assert_nothing_ran()
    assert_rich_text_is_clean(visitor.page)
    assert visitor.page.locator("h1").inner_text() == PLAIN_TEXT_PAYLOADS[1]
    assert visitor.page.locator("p.summary").inner_text() == PLAIN_TEXT_PAYLOADS[2]
    assert visitor.page.locator(".rich-text").count() >= len(PAYLOADS)

    visitor.visit(reverse("meetings:meeting-list"))
    screenshot(visitor.page, "meeting-list")
    visitor.assert_nothing_ran()
    assert PLAIN_TEXT_PAYLOADS[1] in visitor.page.locator("main").inner_text()


def test_the_admin_runs_none_of_the_corpus_when_it_shows_it_again(editor, corpus, screenshot):
    issue, meeting, news_item, created = corpus
    pages = {
        "meeting": reverse("admin:meetings_meeting_change", args=[meeting.pk]),
        "meeting-history": reverse("admin:meetings_meeting_history", args=[meeting.pk]),
        "news-item": reverse("admin:bulletin_newsitem_change", args=[news_item.pk]),
        "news-history": reverse("admin:bulletin_newsitem_history", args=[news_item.pk]),
        "news-last": reverse("admin:bulletin_newsitem_change", args=[created[-1].pk]),
        "news-list": reverse("admin:bulletin_newsitem_changelist") + "?q=%3C",
        "issue-preview": reverse("admin:bulletin_issue_preview", args=[issue.pk]),
    }
    for name, url in pages.items():
        editor.visit(url)
        screenshot(editor.page, name)
        editor.assert_nothing_ran()

    assert_rich_text_is_clean(editor.page)
    preview = editor.page.locator("main").inner_text()
    assert all(text in preview for text in PLAIN_TEXT_PAYLOADS[:3])


def test_no_attached_file_of_the_corpus_runs(browser, site, media_as_deployed):
    """Each file stored as an attachment of a public meeting (as from before uploads were
    checked) and opened at its address, with the site's policies enforced."""
    meeting = Meeting.objects.published().order_by("pk").first()
    context = browser.new_context(base_url=site, accept_downloads=True)
    watch = Watch(context.new_page())
    for name, content in FILE_PAYLOADS.items():
        stored = default_storage.save(f"attachments/2022/07/{name}", ContentFile(content.encode()))
        MeetingAttachment.objects.create(meeting=meeting, title=name, file=stored)
        try:
            response = watch.page.goto(f"/media/{stored}")
        except Error as error:  # saved as a download, not shown
            assert "Download is starting" in str(error), error
        else:
            assert response.status == 200, stored
        watch.page.wait_for_timeout(100)
        watch.assert_nothing_ran()
    context.close()
