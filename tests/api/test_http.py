"""What the API answers as HTTP: ETags and 304, its rate per client, no cookies, JSON only."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from standards.models import Standard

from .conftest import KINDS

pytestmark = pytest.mark.django_db

STANDARDS = reverse("api:standard-list")


def detail_url(client, kind):
    return client.get(reverse(f"{KINDS[kind][1]}-list")).json()["results"][0]["links"]["self"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_list_is_not_sent_again_while_its_etag_holds(client, api_demo, kind):
    url = reverse(f"{KINDS[kind][1]}-list")
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_is_not_sent_again_while_its_etag_holds(client, api_demo, kind):
    url = detail_url(client, kind)
    first = client.get(url)

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_changed_list_has_a_new_etag(client, api_demo):
    first = client.get(STANDARDS)
    Standard.objects.filter(pk=first.json()["results"][0]["id"]).update(title="改过的名称")

    again = client.get(STANDARDS, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_cached_list_follows_the_records(client, api_demo, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 3600
    cache.clear()
    shown = client.get(STANDARDS).json()["results"][0]
    standard = Standard.objects.get(pk=shown["id"])

    standard.make_internal()

    assert shown["id"] not in [row["id"] for row in client.get(STANDARDS).json()["results"]]
    cache.clear()


@pytest.fixture
def api_rate(settings):
    # Per hour: a minute's window could turn over between two requests of a test.
    settings.API_RATE = "3/h"
    cache.clear()  # the counts of the tests before
    yield
    cache.clear()


def test_a_client_over_the_rate_gets_429_with_retry_after(client, api_demo, api_rate):
    for _ in range(3):
        assert client.get(STANDARDS, REMOTE_ADDR="203.0.113.7").status_code == 200

    refused = client.get(detail_url(client, "standards"), REMOTE_ADDR="203.0.113.7")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "detail" in refused.json()


def test_the_rate_is_counted_per_client(client, api_demo, api_rate):
    for _ in range(3):
        client.get(STANDARDS, REMOTE_ADDR="203.0.113.7")

    assert client.get(STANDARDS, REMOTE_ADDR="203.0.113.8").status_code == 200


def test_no_rate_when_it_is_off(client, api_demo, settings):
    settings.API_RATE = ""
    cache.clear()

    assert all(client.get(STANDARDS).status_code == 200 for _ in range(10))


def test_the_api_sets_no_cookie_and_asks_no_csrf_token(client, api_demo):
    response = client.get(STANDARDS)

    assert response.cookies == {}
    assert client.post(STANDARDS).status_code == 405
    assert client.put(detail_url(client, "standards")).status_code == 405


def test_the_api_speaks_json_only(client, api_demo):
    assert client.get(STANDARDS, headers={"accept": "text/html"}).status_code == 406
    assert client.get(STANDARDS, {"format": "api"}).status_code == 404
    assert client.get(STANDARDS)["Content-Type"] == "application/json"
