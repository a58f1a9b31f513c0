"""The public lists' search box is bounded: a 2,000-word search is refused before any query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.standards.factories import StandardFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "standards:standard-list",
    "standards:commentrequest-list",
    "standards:committee-list",
    "meetings:meeting-list",
    "bulletin:newsitem-list",
]


@pytest.fixture
def standard():
    return StandardFactory(is_public=True, title="道路车辆 电磁兼容 混响室法")


def search(client, name, words):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name), {"q": words})
    return response, [query["sql"] for query in queries]


@pytest.mark.parametrize("name", LISTS)
def test_a_search_of_two_thousand_words_is_answered_with_a_message_and_no_search(
    client, standard, name
):
    words = " ".join(f"词{number}" for number in range(2000))

    response, queries = search(client, name, words)

    assert response.status_code == 200
    assert "搜索内容过长" in response.text
    assert response.context["object_list"].count() == 0
    assert not [sql for sql in queries if "LIKE" in sql.upper()]  # no search ran at all


def test_too_many_short_words_are_refused_with_the_limit_named(client, standard, settings):
    words = " ".join("车" for _ in range(settings.SEARCH_MAX_WORDS + 1))

    response, queries = search(client, "standards:standard-list", words)

    assert response.status_code == 200
    assert f"最多 {settings.SEARCH_MAX_WORDS} 个词" in response.text
    assert not [sql for sql in queries if "LIKE" in sql.upper()]
    assert list(response.context["object_list"]) == []


def test_the_refused_search_stays_in_the_box(client, standard, settings):
    words = " ".join("车" for _ in range(settings.SEARCH_MAX_WORDS + 1))

    response, _queries = search(client, "standards:standard-list", words)

    assert f'value="{words}"' in response.text


def test_a_search_within_the_limits_finds_the_record(client, standard, settings):
    response, _queries = search(client, "standards:standard-list", "电磁兼容 混响室")

    assert list(response.context["object_list"]) == [standard]


def test_a_download_of_a_refused_search_is_a_bad_request_with_the_message(client, standard):
    words = " ".join(f"词{number}" for number in range(2000))
    url = reverse("standards:standard-export", kwargs={"format": "csv"})

    response = client.get(url, {"q": words})

    assert response.status_code == 400
    assert "搜索内容过长" in response.content.decode()


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:standards_standard_changelist",
        "admin:standards_committee_changelist",
        "admin:meetings_meeting_changelist",
        "admin:bulletin_newsitem_changelist",
    ],
)
def test_the_admins_search_has_the_same_bounds(editor_client, changelist):
    words = " ".join(f"词{number}" for number in range(2000))

    response, queries = search(editor_client, changelist, words)

    assert response.status_code == 200
    assert "搜索内容过长" in response.text
    assert not [sql for sql in queries if "LIKE" in sql.upper()]


def test_the_admins_search_within_the_bounds_still_finds(editor_client, standard):
    response, _queries = search(
        editor_client, "admin:standards_standard_changelist", "电磁兼容 混响室"
    )

    assert list(response.context["cl"].result_list) == [standard]
