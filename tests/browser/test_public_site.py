"""What a visitor does on the public site, in a real browser, with the July 2022 demo."""

import datetime
import re
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from standards.models import CommentRequest, Standard
from tests.standards.factories import CommentRequestFactory
from website.sitemaps import PageSitemap

pytestmark = pytest.mark.browser

# Every page the sitemap names, as the header links them (the statistics and committees too).
# The sitemap's pages are the main navigation's, but for the open-data API's, in the footer.
SECTIONS = [name for name in PageSitemap().items() if name != "api-home"]


@pytest.fixture
def open_request(site):
    """A public comment request open today; the demo's 2022 ones are all closed."""
    today = timezone.localdate()
    return CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        start_date=today - datetime.timedelta(days=5),
        end_date=today + datetime.timedelta(days=10),
    )


def listed_rows(page):
    return page.locator("table.records tbody tr")


def test_home_page_shows_the_latest_issue_and_the_navigation(page, screenshot):
    page.goto("/")
    screenshot(page, "home")

    assert page.get_by_role("link", name="2022年7月月报").first.is_visible()
    nav = page.get_by_role("navigation", name="主导航")
    links = {link.get_attribute("href") for link in nav.get_by_role("link").all()}
    assert {reverse(name) for name in SECTIONS} <= links
    footer = page.get_by_role("contentinfo")
    assert footer.get_by_role("link", name="开放数据接口").get_attribute("href") == reverse(
        "api-home"
    )


def test_comment_requests_filter_to_the_open_ones(page, screenshot, open_request):
    closed = CommentRequest.objects.published().closed_on(timezone.localdate()).first()
    page.goto("/comment-requests/")
    screenshot(page, "all")

    page.get_by_label("状态", exact=True).select_option("open")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"[?&]status=open"))
    screenshot(page, "open")

    rows = listed_rows(page)
    assert rows.count() == 1
    assert open_request.standard.title in rows.first.inner_text()
    assert closed.standard.title not in page.locator("main").inner_text()


def test_filtered_comment_requests_download_as_xlsx(page, screenshot, open_request, tmp_path):
    page.goto("/comment-requests/?status=open")
    screenshot(page, "list")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX", exact=True).click()
    download = download_info.value

    # openpyxl goes by the file's extension, which Playwright's own copy lacks.
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    header, *records = openpyxl.load_workbook(path).active.iter_rows(values_only=True)
    assert header[:5] == ("标准名称", "计划号", "层级", "提出单位", "意见征求期")
    assert len(records) == listed_rows(page).count() == 1
    assert records[0][0] == open_request.standard.title


def test_standard_page_leads_to_the_meeting_that_reviewed_it(page, screenshot):
    meeting = Meeting.objects.published().filter(reviews__isnull=False).first()
    standard = Standard.objects.published().filter(reviews__meetings=meeting).first()
    page.goto(standard.get_absolute_url())
    screenshot(page, "standard")

    related = page.locator("section", has=page.get_by_role("heading", name="相关会议"))
    related.get_by_role("link", name=meeting.title).click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    screenshot(page, "meeting")

    assert page.get_by_role("heading", level=1).inner_text() == meeting.title


def test_language_switch_leads_to_the_english_page(page, screenshot):
    page.goto("/")
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url("**/en/**")
    screenshot(page, "english")

    assert urlsplit(page.url).path.startswith("/en/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_english_navigation_reads_in_english(page, screenshot):
    page.goto("/en/")
    screenshot(page, "english")

    assert "Standards" in page.locator("nav.main-nav").get_by_role("link").all_inner_texts()


def test_first_tab_focuses_the_skip_link(page, screenshot):
    page.goto("/")
    page.keyboard.press("Tab")
    screenshot(page, "focus")

    assert page.evaluate("document.activeElement.textContent").strip() == "跳到正文"


@pytest.mark.parametrize("path", ["/", "/comment-requests/"], ids=["home", "comment-requests"])
def test_page_fits_a_phone_screen(phone_page, screenshot, path):
    phone_page.goto(path)
    screenshot(phone_page, "phone")

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
