"""Searches and downloads are counted per client: over the rate, 429 with Retry-After."""

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db

SEARCH = reverse("standards:standard-list")
DOWNLOAD = reverse("standards:standard-export", kwargs={"format": "csv"})


@pytest.fixture
def rates(settings):
    # Per hour: a minute's window could turn over between two requests of a test.
    settings.PUBLIC_SEARCH_RATE = "3/h"
    settings.PUBLIC_DOWNLOAD_RATE = "2/h"
    cache.clear()  # the counts of the tests before


def search(client, address="203.0.113.7", **headers):
    return client.get(SEARCH, {"q": "道路车辆"}, REMOTE_ADDR=address, **headers)


def download(client, address="203.0.113.7"):
    response = client.get(DOWNLOAD, REMOTE_ADDR=address)
    response.close()  # a published file is open until its response is read or closed
    return response


def test_a_client_over_the_search_rate_gets_429_with_retry_after(client, rates):
    for _ in range(3):
        assert search(client).status_code == 200

    refused = search(client)

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "您的搜索过于频繁" in refused.text


def test_other_clients_still_search(client, rates):
    for _ in range(4):
        search(client)

    assert search(client, address="198.51.100.9").status_code == 200


def test_a_new_forwarded_address_does_not_reset_the_count(client, rates, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(3):
        search(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    assert search(client, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_browsing_a_list_without_searching_is_not_counted(client, rates):
    for _ in range(5):
        assert client.get(SEARCH, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_a_client_over_the_download_rate_gets_429_with_retry_after(client, rates):
    for _ in range(2):
        assert download(client).status_code == 200

    refused = download(client)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "您的下载过于频繁" in refused.text


def test_other_clients_still_download(client, rates):
    for _ in range(3):
        download(client)

    assert download(client, address="198.51.100.9").status_code == 200
