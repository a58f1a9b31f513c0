"""sitemap.xml indexes one sitemap per section, in pages; robots.txt points crawlers to it.

Each section lists its public pages in both languages, each naming the other, at their
addresses on SITE_URL whatever Host the sitemap was asked on.
"""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletin.models import NewsItem
from common.sitemaps import PagedItems
from meetings.models import Meeting
from standards.models import Standard
from standards.sitemaps import StandardSitemap
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory, StandardFactory
from website.sitemaps import SITEMAPS

from .pages import read

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE = "https://bulletin.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def index_locations(client):
    """The sitemaps the index names, as paths with their ?p= page."""
    index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    return [
        loc.removeprefix("http://testserver")
        for loc in (item.findtext(f"{SITEMAP}loc") for item in index.findall(f"{SITEMAP}sitemap"))
    ]


def page_urls(client, path):
    return get_xml(client, path).findall(f"{SITEMAP}url")


@pytest.fixture
def sitemap(client, public_demo):
    """Every <url> element of every page the index names, fetched once a test's records exist."""

    def fetch():
        return [url for path in index_locations(client) for url in page_urls(client, path)]

    return fetch


def locations(urls):
    return {url.findtext(f"{SITEMAP}loc") for url in urls}


def test_the_index_names_every_section(client, public_demo):
    assert index_locations(client) == [f"/sitemap-{section}.xml" for section in SITEMAPS]


def test_a_section_lists_its_public_records_only_in_both_languages(client, public_demo):
    internal = StandardFactory()

    listed = locations(page_urls(client, "/sitemap-standards.xml"))

    expected = set()
    for standard in Standard.objects.published():
        expected |= {
            f"{SITE}/standards/{standard.pk}/",
            f"{SITE}/en/standards/{standard.pk}/",
        }
    assert len(expected) == 68
    assert listed == expected
    assert f"{SITE}/standards/{internal.pk}/" not in listed


def test_a_section_is_served_in_pages_of_at_most_its_limit(client, public_demo, monkeypatch):
    monkeypatch.setattr(StandardSitemap, "limit", 10)

    pages = [path for path in index_locations(client) if path.startswith("/sitemap-standards")]
    urls = [page_urls(client, path) for path in pages]

    # 34 public standards in two languages: 68 URLs, 7 pages.
    assert pages == ["/sitemap-standards.xml"] + [
        f"/sitemap-standards.xml?p={p}" for p in range(2, 8)
    ]
    assert [len(page) for page in urls] == [10, 10, 10, 10, 10, 10, 8]
    assert len(locations(url for page in urls for url in page)) == 68
    assert client.get("/sitemap-standards.xml?p=8").status_code == 404


def test_an_unknown_section_is_not_found(client, db):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_page_reads_only_its_own_records(client, public_demo, monkeypatch):
    monkeypatch.setattr(StandardSitemap, "limit", 10)

    with CaptureQueriesContext(connection) as queries:
        page_urls(client, "/sitemap-standards.xml?p=2")

    count, records = [query["sql"] for query in queries.captured_queries]
    assert "COUNT(" in count
    assert records.endswith("LIMIT 5 OFFSET 5")


def test_the_pages_pair_each_record_with_each_language_in_order(db):
    standards = StandardFactory.create_batch(3, is_public=True)

    items = PagedItems(Standard.objects.published().order_by("pk"), ["zh-hans", "en"])

    assert items.count() == 6
    assert items[1:4] == [
        (standards[0], "en"),
        (standards[1], "zh-hans"),
        (standards[1], "en"),
    ]
    assert items[4:10] == [(standards[2], "zh-hans"), (standards[2], "en")]


def make_records(count):
    for _ in range(count):
        StandardFactory(is_public=True)
        CommentRequestFactory(is_public=True, standard__is_public=True)
        MeetingFactory(is_public=True)
        NewsItemFactory(is_public=True)


def test_the_index_query_count_does_not_grow_with_the_records(client, public_demo):
    with CaptureQueriesContext(connection) as few:
        index_locations(client)
    make_records(20)
    with CaptureQueriesContext(connection) as many:
        index_locations(client)

    # A count and the latest change of each section; no record is read.
    assert len(many) == len(few) <= 2 * len(SITEMAPS)
    assert all(re.search(r"\b(COUNT|MAX)\(", query["sql"]) for query in many.captured_queries)


@pytest.mark.parametrize("section", SITEMAPS)
def test_a_section_page_query_count_does_not_grow_with_the_records(client, public_demo, section):
    with CaptureQueriesContext(connection) as few:
        page_urls(client, f"/sitemap-{section}.xml")
    make_records(20)
    with CaptureQueriesContext(connection) as many:
        page_urls(client, f"/sitemap-{section}.xml")

    # A count and the page's records (and an issue's revisions).
    assert len(many) == len(few) <= 3


def test_sitemap_lists_every_public_standard_in_both_languages(sitemap):
    listed = locations(sitemap())

    standards = Standard.objects.published()
    assert standards.count() == 34
    for standard in standards:
        assert f"{SITE}/standards/{standard.pk}/" in listed
        assert f"{SITE}/en/standards/{standard.pk}/" in listed


def test_sitemap_leaves_out_an_internal_standard(sitemap):
    internal = StandardFactory()

    assert f"{SITE}/standards/{internal.pk}/" not in locations(sitemap())


def test_sitemap_lists_public_meetings_and_news(sitemap):
    listed = locations(sitemap())

    for record in [*Meeting.objects.published(), *NewsItem.objects.published()]:
        assert f"{SITE}{record.get_absolute_url()}" in listed


def test_sitemap_leaves_out_internal_meetings_news_and_comment_requests(sitemap):
    internal = [
        MeetingFactory(),
        NewsItemFactory(),
        CommentRequestFactory(standard__is_public=True),
    ]

    listed = locations(sitemap())

    for record in internal:
        assert f"{SITE}{record.get_absolute_url()}" not in listed


def alternates_of(urls, location):
    (url,) = [url for url in urls if url.findtext(f"{SITEMAP}loc") == location]
    return {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}


def test_sitemap_lists_the_published_issue_in_both_languages_with_alternates(sitemap):
    urls = sitemap()
    listed = locations(urls)

    assert {f"{SITE}/issues/2022/07/", f"{SITE}/en/issues/2022/07/"} <= listed
    assert f"{SITE}/issues/2022/7/" not in listed  # only the canonical address
    expected = {
        "zh-Hans": f"{SITE}/issues/2022/07/",
        "en": f"{SITE}/en/issues/2022/07/",
        "x-default": f"{SITE}/issues/2022/07/",
    }
    assert alternates_of(urls, f"{SITE}/en/issues/2022/07/") == expected
    assert alternates_of(urls, f"{SITE}/issues/2022/07/") == expected


def test_every_listed_url_answers_on_the_site(client, sitemap):
    for location in locations(sitemap()):
        assert location.startswith(f"{SITE}/")
        read(client, location.removeprefix(SITE))  # asserts a 200


def test_sitemap_leaves_out_a_draft_issue(sitemap):
    IssueFactory(year=2022, month=8, number=8, undated=True)

    assert f"{SITE}/issues/2022/08/" not in locations(sitemap())


def test_sitemap_lists_the_home_page_and_the_lists(sitemap):
    listed = locations(sitemap())

    for path in ["/", "/standards/", "/comment-requests/", "/meetings/", "/news/", "/issues/"]:
        assert f"{SITE}{path}" in listed


def test_sitemap_names_each_pages_other_language(sitemap):
    standard = Standard.objects.published().first()

    assert alternates_of(sitemap(), f"{SITE}/standards/{standard.pk}/") == {
        "zh-Hans": f"{SITE}/standards/{standard.pk}/",
        "en": f"{SITE}/en/standards/{standard.pk}/",
        "x-default": f"{SITE}/standards/{standard.pk}/",
    }


def test_robots_txt_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode().splitlines()


def test_robots_txt_names_the_sitemap_index(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert [line for line in lines if line.startswith("Sitemap:")] == [
        "Sitemap: http://testserver/sitemap.xml"
    ]


def test_the_pages_section_lists_the_lists_and_the_api_page(client, public_demo):
    listed = locations(page_urls(client, "/sitemap-pages.xml"))

    assert {f"{SITE}/api/", f"{SITE}/en/api/", f"{SITE}/comment-requests/"} <= listed
