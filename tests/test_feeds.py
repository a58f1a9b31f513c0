"""RSS and Atom feeds of issues and comment requests (calendars: test_calendars.py)."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from bulletin.models import IssueRevision
from standards.models import CommentRequest
from tests.bulletin.factories import IssueFactory
from tests.standards.factories import CommentRequestFactory

ATOM = "{http://www.w3.org/2005/Atom}"
STAND_IN_PDF = b"%PDF-1.7 stand-in"


def rss_items(response):
    return ET.fromstring(response.content).findall("channel/item")


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
    IssueFactory(
        year=2022, month=8, number=8, coverage_start=None, coverage_end=None, recent_until=None
    )

    titles = [item.findtext("title") for item in rss_items(client.get("/feeds/issues.rss"))]

    assert "2022年8月月报" not in titles


def test_issue_feed_puts_the_newest_issue_first(client, public_demo):
    publish(
        IssueFactory(
            year=2022, month=8, number=8, coverage_start=None, coverage_end=None, recent_until=None
        )
    )

    titles = [item.findtext("title") for item in rss_items(client.get("/feeds/issues.rss"))]

    assert titles == ["2022年8月月报", "2022年7月月报"]


def test_issue_feed_item_links_the_issue_page(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert item.findtext("link") == "http://testserver/issues/2022/7/"


def test_issue_feed_item_describes_the_highlights(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert public_demo.highlight_list
    for highlight in public_demo.highlight_list:
        assert f"<li>{highlight}</li>" in item.findtext("description")


def test_issue_feed_item_encloses_the_pdf(client, public_demo):
    (item,) = rss_items(client.get("/feeds/issues.rss"))

    enclosure = item.find("enclosure")
    assert enclosure.attrib == {
        "url": "http://testserver/issues/2022/7/pdf/",
        "length": str(len(STAND_IN_PDF)),
        "type": "application/pdf",
    }


def test_issue_feed_item_is_dated_by_its_latest_revision(client, public_demo):
    corrected = datetime.datetime(2022, 7, 20, 9, 30, tzinfo=datetime.UTC)
    publish(public_demo, published_at=corrected)

    (item,) = rss_items(client.get("/feeds/issues.rss"))

    assert parsedate_to_datetime(item.findtext("pubDate")) == corrected


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


# Comment requests --------------------------------------------------------------------------


def test_comment_request_feed_lists_every_public_comment_request(client, public_demo):
    expected = {
        f"http://testserver{item.get_absolute_url()}" for item in CommentRequest.objects.published()
    }

    response = client.get(reverse("standards:commentrequest-feed-rss"))

    assert len(expected) == 14
    assert {item.findtext("link") for item in rss_items(response)} == expected


def test_comment_request_feed_leaves_out_an_internal_comment_request(client, public_demo):
    internal = CommentRequestFactory(standard__is_public=True)

    links = [item.findtext("link") for item in rss_items(client.get("/feeds/comment-requests.rss"))]

    assert f"http://testserver{internal.get_absolute_url()}" not in links


def test_comment_request_feed_leaves_out_one_whose_standard_is_internal(client, public_demo):
    hidden = CommentRequestFactory(is_public=True, standard__is_public=False)

    links = [item.findtext("link") for item in rss_items(client.get("/feeds/comment-requests.rss"))]

    assert f"http://testserver{hidden.get_absolute_url()}" not in links


def test_comment_request_feed_puts_the_latest_start_first(client, public_demo):
    CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        standard__title="最新征求意见的标准",
        start_date=datetime.date(2030, 1, 1),
        end_date=datetime.date(2030, 3, 1),
    )

    items = rss_items(client.get("/feeds/comment-requests.rss"))

    assert items[0].findtext("title") == "最新征求意见的标准"


def test_comment_request_feed_item_tells_proposer_period_reply_to_and_link(client, db):
    item = CommentRequestFactory(
        is_public=True, standard__is_public=True, link="https://example.org/draft.pdf"
    )

    (entry,) = rss_items(client.get("/feeds/comment-requests.rss"))

    description = entry.findtext("description")
    assert entry.findtext("title") == item.standard.title
    assert "工业和信息化部装备工业一司" in description
    assert "2022.06.17-2022.08.17" in description
    assert "vehicle@miit.gov.cn" in description
    assert 'href="https://example.org/draft.pdf"' in description


def test_comment_request_feed_reads_the_records_in_a_fixed_number_of_queries(
    client, public_demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        client.get("/feeds/comment-requests.rss")


def test_comment_request_atom_feed_is_atom(client, public_demo):
    response = client.get(reverse("standards:commentrequest-feed-atom"))

    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert len(root.findall(f"{ATOM}entry")) == 14


# English -----------------------------------------------------------------------------------


@pytest.fixture
def english_client(client):
    """A client for /en/ URLs; its requests leave English active, so restore the language after."""
    with translation.override(translation.get_language()):
        yield client


def test_english_issue_feed_links_the_english_site(english_client, public_demo):
    response = english_client.get("/en/feeds/issues.rss")

    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/issues/"


def test_english_comment_request_feed_links_english_pages(english_client, public_demo):
    links = [
        item.findtext("link")
        for item in rss_items(english_client.get("/en/feeds/comment-requests.rss"))
    ]

    assert len(links) == 14
    assert all(link.startswith("http://testserver/en/comment-requests/") for link in links)


# Links on the pages ------------------------------------------------------------------------


def test_every_page_announces_the_feeds_in_its_head(client, public_demo):
    head = client.get(reverse("website:home")).content.decode().split("</head>")[0]

    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert 'href="/feeds/issues.atom"' in head
    assert 'href="/feeds/comment-requests.rss"' in head


def test_the_footer_links_the_calendars(client, public_demo):
    footer = client.get(reverse("website:home")).content.decode().split("<footer")[1]

    assert 'href="/calendar/meetings.ics"' in footer
    assert 'href="/calendar/comment-deadlines.ics"' in footer
    assert "征求意见截止日历（iCal）" in footer
