"""Internal records and unpublished issues are in no list of the API and have no detail."""

import pytest
from django.urls import reverse

from .conftest import KINDS, api_key, record_key

pytestmark = pytest.mark.django_db

INTERNAL = [
    ("standards", "standard"),
    ("comment-requests", "comment_request"),
    ("comment-requests", "of_internal_standard"),
    ("meetings", "meeting"),
    ("news", "news_item"),
    ("issues", "issue"),
]


def every_key(client, kind):
    url = reverse(f"{KINDS[kind][1]}-list")
    return [api_key(kind, row) for row in client.get(url, {"page_size": 200}).json()["results"]]


@pytest.mark.parametrize(("kind", "name"), INTERNAL)
def test_an_internal_record_is_not_listed(client, api_demo, kind, name):
    keys = every_key(client, kind)

    assert keys
    assert record_key(kind, api_demo[name]) not in keys


@pytest.mark.parametrize(("kind", "name"), INTERNAL)
def test_an_internal_record_is_not_found(client, api_demo, kind, name):
    url = reverse(f"{KINDS[kind][1]}-detail", kwargs={"key": record_key(kind, api_demo[name])})

    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("kind", KINDS)
def test_a_public_record_is_found_at_its_self_link(client, api_demo, kind, settings):
    row = client.get(reverse(f"{KINDS[kind][1]}-list")).json()["results"][0]

    response = client.get(row["links"]["self"])

    assert response.status_code == 200
    assert response.json() == row
    assert client.get(row["links"]["html"]).status_code == 200
    assert row["links"]["html"].startswith(settings.SITE_URL)
    assert row["links"]["self"].startswith(f"{settings.SITE_URL}/api/v1/{kind}/")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/standards/abc/",
        "/api/v1/standards/99999999999999999999999/",
        "/api/v1/issues/2022-13/",
        "/api/v1/issues/2022-7/",
        "/api/v1/issues/9999-01/",
    ],
)
def test_a_key_of_no_record_is_not_found(client, api_demo, path):
    assert client.get(path).status_code == 404
