"""Cursor pages: every row once, in the list's order, however deep; hostile cursors and sizes."""

import base64
import json

import pytest
from django.urls import reverse

from standards.models import Committee, Standard
from tests.standards.factories import StandardFactory

pytestmark = pytest.mark.django_db

STANDARDS = reverse("api:standard-list")


def walk(client, url, query):
    response = client.get(url, query)
    pages = []
    while True:
        assert response.status_code == 200
        pages.append([row["id"] for row in response.json()["results"]])
        if not response.json()["next"]:
            return pages
        response = client.get(response.json()["next"])


@pytest.mark.parametrize("sort", ["", "title", "-title", "plan_number", "updated", "-updated"])
def test_the_pages_hold_every_row_once(client, api_demo, sort):
    pages = walk(client, STANDARDS, {"page_size": 3, "sort": sort})

    ids = [pk for page in pages for pk in page]
    assert len(ids) == len(set(ids)) == Standard.objects.published().count()
    assert all(len(page) == 3 for page in pages[:-1])


def pages_and_links(client, url, query):
    """Every page forward as (ids, its previous link), and the previous link of the last."""
    response = client.get(url, query)
    pages = []
    while True:
        assert response.status_code == 200
        body = response.json()
        pages.append(([row["id"] for row in body["results"]], body["previous"]))
        if not body["next"]:
            return pages
        response = client.get(body["next"])


@pytest.mark.parametrize(
    ("kind", "sort"),
    [
        ("standard", ""),
        ("standard", "title"),
        ("standard", "updated"),
        ("standard", "-updated"),
        ("newsitem", ""),  # nulls last, ties
        ("meeting", ""),
        ("commentrequest", ""),
    ],
)
def test_previous_links_walk_back_over_the_same_pages(client, api_demo, kind, sort):
    url = reverse(f"api:{kind}-list")
    forward = pages_and_links(client, url, {"page_size": 2, "sort": sort})
    assert len(forward) > 2
    assert forward[0][1] is None

    back, previous = [], forward[-1][1]
    while previous:
        body = client.get(previous).json()
        back.append([row["id"] for row in body["results"]])
        assert body["next"]
        previous = body["previous"]

    assert back == [ids for ids, _previous in reversed(forward[:-1])]


def test_the_next_link_of_a_page_reached_backwards_goes_forward_again(client, api_demo):
    first = client.get(STANDARDS, {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()

    assert back["results"] == first["results"]
    assert back["previous"] is None
    assert client.get(back["next"]).json()["results"] == second["results"]


def test_a_row_added_between_pages_repeats_or_skips_none(client, api_demo):
    first = client.get(STANDARDS, {"page_size": 5}).json()
    # Ahead of every row in the list's order (the plan number, descending).
    StandardFactory(plan_number="20993001-T-339", is_public=True)

    rest = walk(client, first["next"], {})

    ids = [row["id"] for row in first["results"]] + [pk for page in rest for pk in page]
    assert len(ids) == len(set(ids)) == Standard.objects.published().count() - 1


def test_news_without_a_date_are_paged_after_the_dated(client, api_demo):
    rows = []
    response = client.get(reverse("api:newsitem-list"), {"page_size": 2})
    while True:
        rows += response.json()["results"]
        if not response.json()["next"]:
            break
        response = client.get(response.json()["next"])

    dates = [row["date"] for row in rows]
    dated = dates[: dates.index(None)]
    assert len(dates) - len(dated) >= 2
    assert set(dates[len(dated) :]) == {None}
    assert dated == sorted(dated, reverse=True)


@pytest.fixture
def many_committees(api_demo):
    Committee.objects.bulk_create(
        Committee(name=f"批量工作组{n}", kind=Committee.Kind.WORKING_GROUP) for n in range(220)
    )


def test_the_page_size_is_capped(client, many_committees):
    response = client.get(reverse("api:committee-list"), {"page_size": 100000})

    assert response.status_code == 200
    assert len(response.json()["results"]) == 200


@pytest.mark.parametrize(("asked", "given"), [("0", 1), ("-5", 1), ("many", 50), ("", 50)])
def test_a_page_size_out_of_bounds_is_brought_within(client, many_committees, asked, given):
    response = client.get(reverse("api:committee-list"), {"page_size": asked})

    assert len(response.json()["results"]) == given


def encoded(cursor):
    return base64.urlsafe_b64encode(json.dumps(cursor).encode()).decode()


def a_real_cursor(client, **query):
    next_url = client.get(STANDARDS, {"page_size": 2, **query}).json()["next"]
    return next_url.split("cursor=")[1].split("&")[0]


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "%%%",
        "ëëë",
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        encoded([1, 2, 3]),
        encoded({"o": ["-plan_number", "title", "-id"], "v": ["x", "y"]}),
        encoded({"v": ["x", "y", "z"]}),
        encoded({"o": "-id", "v": "1"}),
        "A" * 10000,
    ],
)
def test_a_bad_cursor_is_not_found(client, api_demo, cursor):
    response = client.get(STANDARDS, {"cursor": cursor})

    assert response.status_code == 404
    assert response.json() == {"detail": "无效的游标。"}


def test_a_cursor_of_a_value_of_the_wrong_type_is_not_found(client, api_demo):
    cursor = json.loads(base64.urlsafe_b64decode(a_real_cursor(client).replace("%3D", "=")))
    cursor["v"][-1] = "not an id"

    assert client.get(STANDARDS, {"cursor": encoded(cursor)}).status_code == 404


def test_a_cursor_of_another_sort_is_not_found(client, api_demo):
    cursor = a_real_cursor(client, sort="title").replace("%3D", "=")

    assert client.get(STANDARDS, {"cursor": cursor}).status_code == 404
    assert client.get(STANDARDS, {"cursor": cursor, "sort": "title"}).status_code == 200


@pytest.mark.parametrize("direction", ["yes", 1, None, []])
def test_a_cursor_whose_direction_is_not_true_or_false_is_not_found(client, api_demo, direction):
    cursor = json.loads(base64.urlsafe_b64decode(a_real_cursor(client).replace("%3D", "=")))
    cursor["p"] = direction

    assert client.get(STANDARDS, {"cursor": encoded(cursor)}).status_code == 404
