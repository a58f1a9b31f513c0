"""Each endpoint answers a filter with exactly the rows of the public list, in its order."""

import pytest
from django.urls import reverse

from standards.models import CommentRequest, Committee, Standard

from .conftest import KINDS, api_key, record_key

pytestmark = pytest.mark.django_db


def api_rows(client, kind, query, page_size=7):
    """Every row of the endpoint for `query`, page after page."""
    url = reverse(f"{KINDS[kind][1]}-list")
    response = client.get(url, {**query, "page_size": page_size})
    rows = []
    while True:
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        if not response.json()["next"]:
            return rows
        response = client.get(response.json()["next"])


def list_rows(client, kind, query):
    response = client.get(reverse(KINDS[kind][0]), {**query, "per_page": 100})
    assert response.status_code == 200
    assert response.context["total"] <= 100
    return list(response.context["object_list"])


def some_committee(request):
    return Committee.objects.filter(standards__is_public=True).order_by("pk").first().pk


def a_proposer(request):
    return CommentRequest.objects.published().order_by("pk").first().proposer_id


QUERIES = [
    ("standards", {}),
    ("standards", {"level": Standard.Level.INDUSTRY}),
    ("standards", {"stage": "review", "sort": "title"}),
    ("standards", {"q": "道路车辆 同名"}),
    ("standards", {"committee": some_committee}),
    ("standards", {"year": "2021", "work_type": "revision"}),
    ("standards", {"sort": "-updated"}),
    ("comment-requests", {}),
    ("comment-requests", {"status": "closed"}),
    ("comment-requests", {"level": "gb_t", "sort": "title"}),
    ("comment-requests", {"proposer": a_proposer, "sort": "-start"}),
    ("comment-requests", {"year": "2022", "month": "7"}),
    ("meetings", {}),
    ("meetings", {"mode": "online"}),
    ("meetings", {"year": "2022", "month": "6"}),
    ("meetings", {"q": "工作组"}),
    ("news", {}),
    ("news", {"year": "2022", "q": "标准"}),
    ("issues", {}),
    ("issues", {"year": "2022"}),
    ("committees", {}),
    ("committees", {"kind": "sc"}),
    ("committees", {"q": "分技术委员会", "sort": "-name"}),
]


@pytest.mark.parametrize(("kind", "query"), QUERIES)
def test_the_api_gives_the_lists_rows_in_its_order(client, api_demo, kind, query):
    query = {name: value(None) if callable(value) else value for name, value in query.items()}

    expected = [record_key(kind, record) for record in list_rows(client, kind, query)]

    assert expected or query
    assert [api_key(kind, row) for row in api_rows(client, kind, query)] == expected


# Sorts whose values tie between rows: the list leaves their order to the database, the API
# breaks the tie by the id, so the rows are compared as a set and by their sort values.
TIED = [
    ("standards", {"q": "道路车辆", "sort": "-plan_number"}, "plan_number"),
    ("meetings", {"sort": "participants"}, "participant_count"),
    ("meetings", {"sort": "-participants"}, "participant_count"),
    ("meetings", {"year": "2022", "month": "6", "sort": "title"}, "title"),
    ("committees", {"sort": "code"}, "code"),
    ("news", {"sort": "title"}, "title"),
    ("news", {"sort": "-date"}, "date"),
    ("news", {"sort": "date"}, "date"),
]


@pytest.mark.parametrize(("kind", "query", "field"), TIED)
def test_a_sort_with_ties_gives_the_lists_rows(client, api_demo, kind, query, field):
    listed = list_rows(client, kind, query)
    rows = api_rows(client, kind, query, page_size=2)

    assert sorted(row["id"] for row in rows) == sorted(record.pk for record in listed)
    values = [getattr(record, field) for record in listed]
    assert [row[field] for row in rows] == [
        getattr(v, "isoformat", lambda v=v: v)() for v in values
    ]


@pytest.mark.parametrize(
    ("kind", "query"),
    [
        ("standards", {"level": "no-such-level"}),
        ("standards", {"year": "twenty"}),
        ("standards", {"committee": "999999"}),
        ("standards", {"sort": "password"}),
        ("comment-requests", {"status": "someday"}),
        ("meetings", {"month": "13"}),
        ("news", {"q": "标准 " * 20}),
        ("issues", {"year": "1999"}),
        ("committees", {"kind": "<script>"}),
    ],
)
def test_an_invalid_filter_is_refused_where_the_list_shows_no_rows(client, api_demo, kind, query):
    response = client.get(reverse(f"{KINDS[kind][1]}-list"), query)

    assert list_rows(client, kind, query) == []
    assert response.status_code == 400
    assert set(response.json()) == set(query)
