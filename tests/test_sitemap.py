"""sitemap.xml lists the public pages in both languages; robots.txt points crawlers to it."""

import xml.etree.ElementTree as ET

import pytest

from bulletin.models import NewsItem
from meetings.models import Meeting
from standards.models import Standard
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, StandardFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def sitemap(client, public_demo):
    """The sitemap's <url> elements, fetched once the records a test adds exist."""

    def fetch():
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        return ET.fromstring(response.content).findall(f"{SITEMAP}url")

    return fetch


def locations(urls):
    return {url.findtext(f"{SITEMAP}loc") for url in urls}


def test_sitemap_lists_every_public_standard_in_both_languages(sitemap):
    listed = locations(sitemap())

    standards = Standard.objects.published()
    assert standards.count() == 34
    for standard in standards:
        assert f"http://testserver/standards/{standard.pk}/" in listed
        assert f"http://testserver/en/standards/{standard.pk}/" in listed


def test_sitemap_leaves_out_an_internal_standard(sitemap):
    internal = StandardFactory()

    assert f"http://testserver/standards/{internal.pk}/" not in locations(sitemap())


def test_sitemap_lists_public_meetings_and_news(sitemap):
    listed = locations(sitemap())

    for record in [*Meeting.objects.published(), *NewsItem.objects.published()]:
        assert f"http://testserver{record.get_absolute_url()}" in listed


def test_sitemap_leaves_out_internal_meetings_news_and_comment_requests(sitemap):
    internal = [
        MeetingFactory(),
        NewsItemFactory(),
        CommentRequestFactory(standard__is_public=True),
    ]

    listed = locations(sitemap())

    for record in internal:
        assert f"http://testserver{record.get_absolute_url()}" not in listed


def test_sitemap_lists_the_published_issue_in_chinese_only(sitemap, public_demo):
    listed = locations(sitemap())

    assert "http://testserver/issues/2022/7/" in listed
    assert "http://testserver/en/issues/2022/7/" not in listed


def test_sitemap_leaves_out_a_draft_issue(sitemap):
    IssueFactory(
        year=2022, month=8, number=8, coverage_start=None, coverage_end=None, recent_until=None
    )

    assert "http://testserver/issues/2022/8/" not in locations(sitemap())


def test_sitemap_lists_the_home_page_and_the_lists(sitemap):
    listed = locations(sitemap())

    for path in ["/", "/standards/", "/comment-requests/", "/meetings/", "/news/", "/issues/"]:
        assert f"http://testserver{path}" in listed


def test_sitemap_names_each_pages_other_language(sitemap):
    standard = Standard.objects.published().first()
    (url,) = [
        url
        for url in sitemap()
        if url.findtext(f"{SITEMAP}loc") == f"http://testserver/standards/{standard.pk}/"
    ]

    alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}

    assert alternates == {
        "zh-hans": f"http://testserver/standards/{standard.pk}/",
        "en": f"http://testserver/en/standards/{standard.pk}/",
        "x-default": f"http://testserver/standards/{standard.pk}/",
    }


def test_robots_txt_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode().splitlines()


def test_robots_txt_names_the_sitemap(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Sitemap: http://testserver/sitemap.xml" in lines
