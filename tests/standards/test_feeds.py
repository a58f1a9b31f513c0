"""RSS and Atom feeds of comment requests (issues: tests/bulletin/test_feeds.py)."""

import datetime
import urllib.request
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standards.models import CommentRequest
from tests.feed_checks import feed_problems
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


# Valid feeds, dated by the records ---------------------------------------------------------

FEEDS = ["/feeds/comment-requests.rss", "/feeds/comment-requests.atom"]
SITE_HOST = "bulletin.example.org"


def upcoming(**kwargs):
    """A public request announced ahead of its period, which opens in 10 days."""
    today = timezone.localdate()
    return CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=70),
        **kwargs,
    )


def atom_entries(response):
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


@pytest.mark.parametrize("url", FEEDS + [f"/en{url}" for url in FEEDS])
def test_comment_request_feeds_are_valid_and_dated_no_later_than_now(client, public_demo, url):
    upcoming()  # its opening and deadline are in the future
    CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + datetime.timedelta(days=3),
    )

    response = client.get(url)

    assert feed_problems(response) == []


def test_an_empty_comment_request_feed_is_valid(client, db):
    assert feed_problems(client.get("/feeds/comment-requests.atom")) == []


def test_a_request_announced_ahead_is_dated_when_it_was_entered_not_by_its_period(client, db):
    item = upcoming()

    (entry,) = rss_items(client.get("/feeds/comment-requests.rss"))

    assert parsedate_to_datetime(entry.findtext("pubDate")) == item.created_at.replace(
        microsecond=0
    )
    assert item.period_display in entry.findtext("description")  # the deadline is told here


def test_a_request_entered_after_its_period_opened_is_dated_by_the_opening(client, db):
    item = CommentRequestFactory(is_public=True, standard__is_public=True)  # 2022.06.17-…

    (entry,) = rss_items(client.get("/feeds/comment-requests.rss"))

    opened = datetime.datetime(2022, 6, 17, tzinfo=timezone.get_current_timezone())
    assert parsedate_to_datetime(entry.findtext("pubDate")) == opened
    assert item.created_at > opened


def test_an_atom_entry_is_updated_when_the_request_was_last_changed(client, db):
    item = upcoming()
    item.reply_to = "other@catarc.ac.cn"
    item.save()

    (entry,) = atom_entries(client.get("/feeds/comment-requests.atom"))

    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated == item.updated_at
    assert updated >= datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))


def test_the_feed_was_last_modified_when_its_newest_item_changed(client, public_demo):
    newest = upcoming()  # changed after every record of the demo

    response = client.get("/feeds/comment-requests.atom")

    modified = parsedate_to_datetime(response["Last-Modified"])
    assert modified == newest.updated_at.replace(microsecond=0)
    assert modified <= timezone.now()
    feed_updated = ET.fromstring(response.content).findtext(f"{ATOM}updated")
    assert datetime.datetime.fromisoformat(feed_updated) == newest.updated_at


def test_a_served_feed_was_last_modified_no_later_than_its_date(transactional_db, live_server):
    # The database first: a live server started before it would not share SQLite's in-memory
    # test database with its threads.
    upcoming()

    with urllib.request.urlopen(f"{live_server.url}/feeds/comment-requests.rss") as response:
        headers = response.headers

    assert parsedate_to_datetime(headers["Last-Modified"]) <= parsedate_to_datetime(headers["Date"])


def test_entry_ids_stay_the_same_on_another_host_and_are_on_the_site_host(
    client, public_demo, settings
):
    settings.SITE_URL = f"https://{SITE_HOST}"

    def ids(host):
        root = ET.fromstring(client.get(FEEDS[1], headers={"host": host}).content)
        return [element.findtext(f"{ATOM}id") for element in [root, *root.iter(f"{ATOM}entry")]]

    here = ids("127.0.0.1:8100")

    assert here == ids("localhost:8100")
    assert all(identifier.startswith(f"tag:{SITE_HOST},") for identifier in here)
