"""A page of 200 rows costs the queries of a page of 2: relatives are joined, not fetched."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import KINDS

pytestmark = pytest.mark.django_db


def queries(client, url, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


@pytest.mark.parametrize("kind", KINDS)
def test_the_queries_do_not_grow_with_the_page(client, api_demo, kind):
    url = reverse(f"{KINDS[kind][1]}-list")
    client.get(url)  # what a first request of the process reads once

    small, small_rows = queries(client, url, {"page_size": 1})
    large, large_rows = queries(client, url, {"page_size": 200})

    assert large_rows > small_rows
    assert large == small
    assert large <= 3


def test_a_filtered_page_costs_the_queries_of_its_filter_only(client, api_demo):
    url = reverse("api:commentrequest-list")
    client.get(url)

    small, _ = queries(client, url, {"page_size": 1, "status": "closed", "level": "gb_t"})
    large, rows = queries(client, url, {"page_size": 200, "status": "closed", "level": "gb_t"})

    assert rows > 1
    assert large == small
