"""axe-core finds nothing critical or serious on the public site and on the admin editors use.

Each page is checked as a visitor or an editor leaves it open: the public pages in both
languages, the admin's change forms with one more row in each inline and a select2 box open, so
the inputs a click adds are checked as well.
"""

import pytest
from django.urls import reverse

from bulletin.models import Issue, IssueRevision, NewsItem
from bulletin.rendering.html import render_html
from meetings.models import Meeting
from standards.models import CommentRequest, Committee, Review, Standard
from tests.bulletin.factories import IssueFactory
from tests.checkers import axe_findings

pytestmark = pytest.mark.browser


def findings_on(page, paths):
    """axe's critical and serious findings on each page in turn: {path: [finding, ...]}."""
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.ok, f"{path}: {response.status}"
        ready_to_check(page)
        if findings := axe_findings(page):
            found[path] = findings
    return found


def first_public(model):
    return model.objects.published().order_by("pk").first()


# Public pages -----------------------------------------------------------------------------


@pytest.fixture
def issue_page(public_demo):
    """The July 2022 issue's page as publishing freezes it (public_demo keeps a stand-in)."""
    revision = IssueRevision.objects.get(issue=public_demo)
    html = render_html(public_demo, revision=revision, pdf_url=revision.get_pdf_url())
    with revision.html.open("wb") as file:
        file.write(html.encode())
    return public_demo.get_absolute_url()


PUBLIC_PAGES = {
    "home": lambda: [reverse("website:home")],
    "lists": lambda: [
        reverse(name)
        for name in (
            "standards:standard-list",
            "standards:commentrequest-list",
            "meetings:meeting-list",
            "bulletin:issue-list",
        )
    ],
    "filtered-lists": lambda: [
        reverse("standards:standard-list") + "?level=national&q=汽车",
        reverse("standards:commentrequest-list") + "?status=closed",
        reverse("meetings:meeting-list") + "?year=2022",
    ],
    "invalid-filter": lambda: [
        reverse("standards:standard-list") + "?level=nonsense&year=1",
        reverse("standards:commentrequest-list") + "?status=nonsense",
    ],
    "details": lambda: [
        first_public(model).get_absolute_url() for model in (Standard, CommentRequest, Meeting)
    ],
    "news": lambda: [reverse("bulletin:newsitem-list"), first_public(NewsItem).get_absolute_url()],
    "committees": lambda: [
        reverse("standards:committee-list"),
        Committee.objects.order_by("pk").first().get_absolute_url(),
    ],
    "statistics": lambda: [reverse("website:statistics")],
    "search": lambda: [
        reverse("search:search") + "?q=换电",
        reverse("search:search") + "?q=GB/T 32960&kind=standard",
    ],
}


@pytest.mark.parametrize("kind", [*PUBLIC_PAGES, "issue"])
def test_public_pages_have_no_serious_findings(kind, browser, site, issue_page):
    context = browser.new_context(base_url=site, bypass_csp=True)
    page = context.new_page()
    paths = [issue_page] if kind == "issue" else PUBLIC_PAGES[kind]()
    in_english = [path if path.startswith("/en/") else f"/en{path}" for path in paths]
    try:
        assert findings_on(page, paths + in_english) == {}
    finally:
        context.close()


# Admin pages ------------------------------------------------------------------------------

EDITED = [Standard, CommentRequest, Review, Committee, Meeting, NewsItem, Issue]
IMPORTED = [Standard, CommentRequest, Committee, Meeting, NewsItem]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


ADMIN_PAGES = {
    "index": lambda: [reverse("admin:index")],
    "changelists": lambda: [admin_url(model, "changelist") for model in EDITED],
    "add-forms": lambda: [admin_url(model, "add") for model in EDITED],
    "import-pages": lambda: [admin_url(model, "import") for model in IMPORTED],
}


# A publisher sees the editor's forms as the editor does; the index and lists are checked as both.
@pytest.mark.parametrize(
    ("username", "kind"),
    [
        *(("editor", kind) for kind in ADMIN_PAGES),
        ("publisher", "index"),
        ("publisher", "changelists"),
    ],
)
def test_admin_pages_have_no_serious_findings(username, kind, logged_in):
    page = logged_in(username, bypass_csp=True).new_page()
    assert findings_on(page, ADMIN_PAGES[kind]()) == {}


@pytest.fixture
def draft_issue(site):
    return IssueFactory(year=2022, month=8, number=8, undated=True)


CHANGED = {
    "standard": lambda: Standard.objects.filter(reviews__isnull=False).first(),
    "comment-request": lambda: CommentRequest.objects.first(),
    "review": lambda: Review.objects.first(),
    "committee": lambda: Committee.objects.filter(parent__isnull=False).first(),
    "meeting": lambda: Meeting.objects.filter(sections__isnull=False).first(),
    "news-item": lambda: NewsItem.objects.first(),
    "draft-issue": lambda: Issue.objects.get(year=2022, month=8),
    "published-issue": lambda: Issue.objects.get(year=2022, month=7),
}


def ready_to_check(page):
    """Once the scripts have built what they build on load: the rich-text editors."""
    page.wait_for_function(
        """() => [...document.querySelectorAll("[data-django-prose-editor-configurable]")]
            .every(textarea => textarea.id.includes("__prefix__")
                || textarea.closest(".prose-editor")?.querySelector(".ProseMirror"))"""
    )


@pytest.mark.parametrize("record", CHANGED)
def test_change_forms_have_no_serious_findings(record, logged_in, draft_issue, screenshot):
    """With a new row in every inline and an autocomplete's list open."""
    username = "publisher" if record == "published-issue" else "editor"
    page = logged_in(username, bypass_csp=True).new_page()
    instance = CHANGED[record]()
    page.goto(admin_url(type(instance), "change", instance.pk))
    for add_row in page.locator(".inline-group .add-row a:visible").all():
        add_row.click()
    boxes = page.locator(".select2-selection:visible")
    if boxes.count():
        boxes.last.click()  # in the row just added, where the issue's entries have theirs
        page.locator(
            ".select2-container--open .select2-results__option[aria-selected]"
        ).first.wait_for()
    ready_to_check(page)
    screenshot(page, record)
    assert axe_findings(page) == []


STANDARDS_TABLE = "\n".join(
    [
        "计划号\t项目名称\t制修订\t领域",
        "20229001-T-339\t道路车辆 无障碍测试标准\t制定\t电子与电磁兼容",
    ]
)


def test_an_import_preview_has_no_serious_findings(logged_in, screenshot):
    page = logged_in("editor", bypass_csp=True).new_page()
    page.goto(admin_url(Standard, "import"))
    page.fill("#id_pasted_table", STANDARDS_TABLE)
    page.locator("#content form [type=submit]").click()
    page.locator("#content form [name=confirm]").wait_for()
    screenshot(page, "preview")
    assert axe_findings(page) == []


def test_the_issue_page_leads_back_to_the_site(browser, site, issue_page, screenshot):
    context = browser.new_context(base_url=site)
    page = context.new_page()
    try:
        page.goto(issue_page)
        screenshot(page, "issue")
        # Everything on the page is in a landmark: axe's (moderate) `region` rule.
        assert page.get_by_role("region", name="封面").is_visible()
        page.get_by_role("banner").get_by_role("link", name="往期月报").click()
        page.wait_for_url(f"**{reverse('bulletin:issue-list')}")
        assert page.get_by_role("link", name="2022年7月月报").first.is_visible()
    finally:
        context.close()
