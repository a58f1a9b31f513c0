"""RSS and Atom feeds of issues (comment requests: tests/standards/test_feeds.py; calendars:
tests/common/test_calendars.py)."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from bulletin.models import IssueRevision
from tests.bulletin.factories import IssueFactory
from tests.feed_checks import feed_problems

ATOM = "{http://www.w3.org/2005/Atom}"
STAND_IN_PDF = b"%PDF-1.7 stand-in"


def rss_items(response):
    return ET.fromstring(response.content).findall("channel/item")


def atom_entries(response):
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def publish(issue, published_at=None):
    """A revision with stand-in files, as publishing leaves it."""
    revision = IssueRevision(
        issue=issue,
        number=issue.next_revision_number(),
        html_sha256="0" * 64,
        pdf_sha256="1" * 64,
        published_at=published_at or timezone.now(),
    )
    revision.html.save("issue.html", ContentFile(b"<html></html>"), save=False)
    revision.pdf.save("issue.pdf", ContentFile(STAND_IN_PDF), save=False)
    revision.save()
    return revision


# Issues ------------------------------------------------------------------------------------


def test_issue_feed_lists_the_published_issue_by_its_month(client, public_demo):
    response = client.get(reverse("bulletin:issue-feed-rss"))

    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in rss_items(response)] == ["2022年7月月报"]


def test_issue_feed_leaves_out_a_draft_issue(client, public_demo):
    IssueFactory(year=2022, month=8, number=8, undated=True)

    titles = [item.findtext("title") for item in rss_items(client.get("/feeds/issues.rss"))]

    assert "2022年8月月报" not in titles


def test_issue_feed_puts_the_newest_issue_first(client, public_demo):
    publish(IssueFactory(year=2022, month=8, number=8, undated=True))

    titles = [item.findtext("title") for item in rss_items(client.get("/feeds/issues.rss"))]

    assert titles == ["2022年8月月报", "2022年7月月报"]


def test_issue_feed_item_links_the_issue_page(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert item.findtext("link") == "http://testserver/issues/2022/07/"


def test_issue_feed_item_describes_the_highlights(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert public_demo.highlight_list
    for highlight in public_demo.highlight_list:
        assert f"<li>{highlight}</li>" in item.findtext("description")


def test_issue_feed_item_encloses_the_pdf(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    enclosure = item.find("enclosure")
    assert enclosure.attrib == {
        "url": "http://testserver/issues/2022/07/pdf/",
        "length": str(len(STAND_IN_PDF)),
        "type": "application/pdf",
    }


def correct(issue):
    """The issue first published on 20 July 2022 and corrected on the 25th."""
    first = datetime.datetime(2022, 7, 20, 9, 30, tzinfo=datetime.UTC)
    corrected = datetime.datetime(2022, 7, 25, 16, 0, tzinfo=datetime.UTC)
    issue.revisions.update(published_at=first)
    publish(issue, published_at=corrected)
    return first, corrected


def test_issue_feed_item_is_dated_by_its_first_publication(client, public_demo):
    first, _ = correct(public_demo)

    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert parsedate_to_datetime(item.findtext("pubDate")) == first


def test_issue_atom_entry_is_updated_by_its_latest_revision(client, public_demo):
    first, corrected = correct(public_demo)

    response = client.get("/feeds/issues.atom")

    (entry,) = atom_entries(response)
    assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == first
    assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == corrected
    assert parsedate_to_datetime(response["Last-Modified"]) == corrected


def test_a_correction_keeps_the_entry_id(client, public_demo):
    before = [
        entry.findtext(f"{ATOM}id") for entry in atom_entries(client.get("/feeds/issues.atom"))
    ]
    correct(public_demo)

    after = [
        entry.findtext(f"{ATOM}id") for entry in atom_entries(client.get("/feeds/issues.atom"))
    ]

    assert after == before


def test_issue_feed_ids_are_on_the_site_host_whatever_the_request_host(
    client, public_demo, settings
):
    settings.SITE_URL = "https://bulletin.example.org"

    def ids(host):
        root = ET.fromstring(client.get("/feeds/issues.atom", headers={"host": host}).content)
        return [element.findtext(f"{ATOM}id") for element in [root, *root.iter(f"{ATOM}entry")]]

    here = ids("127.0.0.1:8100")

    assert here == ids("localhost:8100")
    assert here[0] == "tag:bulletin.example.org,2022-07-01:feeds/issues/zh-hans"
    assert here[1] == "tag:bulletin.example.org,2022-07-01:issue-2022-07"


@pytest.mark.parametrize(
    "url",
    ["/feeds/issues.rss", "/feeds/issues.atom", "/en/feeds/issues.rss", "/en/feeds/issues.atom"],
)
def test_issue_feeds_are_valid_and_dated_no_later_than_now(client, public_demo, url):
    publish(IssueFactory(year=2022, month=8, number=8, undated=True))
    correct(public_demo)

    assert feed_problems(client.get(url)) == []


def test_an_empty_issue_feed_is_valid(client, demo):
    assert feed_problems(client.get("/feeds/issues.atom")) == []


def test_issue_atom_feed_is_atom(client, public_demo):
    response = client.get(reverse("bulletin:issue-feed-atom"))

    root = ET.fromstring(response.content)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    assert [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")] == [
        "2022年7月月报"
    ]


def test_issue_feed_is_empty_before_anything_is_published(client, demo):
    assert rss_items(client.get("/feeds/issues.rss")) == []


def test_english_issue_feed_links_the_english_site(english_client, public_demo):
    response = english_client.get("/en/feeds/issues.rss")

    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/issues/"
