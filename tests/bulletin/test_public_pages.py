"""The issues archive, news, and the site in English."""

import pytest
from django.conf import settings
from django.urls import reverse

from bulletin.models import Issue, NewsItem
from bulletin.services import make_records_public
from meetings.models import Meeting
from standards.models import CommentRequest, Standard
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.standards.factories import CommentRequestFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return list(response.context["object_list"])


def test_the_archive_lists_published_issues_by_year_and_not_drafts(client, public_demo):
    IssueFactory(year=2022, month=8, number=8, undated=True)

    response = client.get(reverse("bulletin:issue-list"))

    assert rows(response) == [public_demo]
    assert "2022 年" in response.text
    assert "2022 年 8 月" not in response.text


def test_the_archive_filters_by_year(client, public_demo):
    assert rows(client.get(reverse("bulletin:issue-list"), {"year": "2021"})) == []
    assert rows(client.get(reverse("bulletin:issue-list"), {"year": "2022"})) == [public_demo]


def test_the_issue_page_serves_the_published_file(client, public_demo):
    response = client.get(public_demo.get_absolute_url())

    assert b"".join(response.streaming_content) == b"<html>2022-07</html>"


def test_news_list_and_detail(client, public_demo):
    item = NewsItem.objects.published().first()

    listing = client.get(reverse("bulletin:newsitem-list"))
    detail = client.get(item.get_absolute_url())

    assert listing.context["total"] == 5
    assert detail.status_code == 200
    assert item.title in detail.text
    assert item.source in detail.text


def test_news_filter_by_region_and_search(client, db):
    guangdong = NewsItemFactory(region="广东", title="广东省发布汽车产业政策", is_public=True)
    NewsItemFactory(region="上海", title="上海市新能源汽车补贴", is_public=True)

    response = client.get(reverse("bulletin:newsitem-list"), {"region": "广东", "q": "产业"})

    assert rows(response) == [guangdong]


def test_internal_news_is_not_listed_nor_found(client, db):
    item = NewsItemFactory(is_public=False)

    assert rows(client.get(reverse("bulletin:newsitem-list"))) == []
    assert client.get(item.get_absolute_url()).status_code == 404


def test_publishing_an_issue_makes_its_records_and_their_standards_public(db):
    comment_request = CommentRequestFactory(is_public=False, standard__is_public=False)
    issue = IssueFactory()
    issue.comment_requests.add(comment_request, through_defaults={"order": 10})

    make_records_public(issue)

    comment_request.refresh_from_db()
    assert comment_request.is_public
    assert comment_request.standard in Standard.objects.published()


def test_the_published_demo_is_public_everywhere(published_demo):
    assert Issue.objects.published().count() == 1
    assert Standard.objects.filter(is_public=False).count() == 0
    assert CommentRequest.objects.published().count() == 14
    assert Meeting.objects.published().count() == 14


@pytest.mark.parametrize(
    "url_name",
    [
        "website:home",
        "bulletin:issue-list",
        "bulletin:newsitem-list",
        "standards:standard-list",
        "standards:commentrequest-list",
        "standards:committee-list",
        "meetings:meeting-list",
    ],
)
def test_every_page_is_chinese_by_default_and_english_under_en(client, public_demo, url_name):
    chinese = client.get(reverse(url_name))
    with_english = client.get("/en" + reverse(url_name))

    assert '<html lang="zh-hans">' in chinese.text
    assert '<html lang="en">' in with_english.text
    assert f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}/en' in chinese.text


def test_the_english_site_is_translated(client, public_demo):
    response = client.get("/en" + reverse("standards:standard-list"))

    assert "<h1>Standards</h1>" in response.text
    assert ">plan number</th>" in response.text
    assert "Download this list" in response.text
    assert "标准名称" not in response.text


def test_an_english_cookie_does_not_change_the_chinese_url(client, public_demo):
    client.cookies["django_language"] = "en"

    response = client.get(reverse("standards:standard-list"))

    assert '<html lang="zh-hans">' in response.text


def test_a_public_page_answers_not_modified_to_its_etag(client, public_demo):
    first = client.get(reverse("standards:standard-list"))

    again = client.get(reverse("standards:standard-list"), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
