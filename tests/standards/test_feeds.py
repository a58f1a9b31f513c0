"""RSS and Atom feeds of comment requests (issues: tests/bulletin/test_feeds.py)."""

import datetime
import xml.etree.ElementTree as ET

from django.urls import reverse

from standards.models import CommentRequest
from tests.standards.factories import CommentRequestFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response):
    return ET.fromstring(response.content).findall("channel/item")


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


def test_english_comment_request_feed_links_english_pages(english_client, public_demo):
    links = [
        item.findtext("link")
        for item in rss_items(english_client.get("/en/feeds/comment-requests.rss"))
    ]

    assert len(links) == 14
    assert all(link.startswith("http://testserver/en/comment-requests/") for link in links)
