"""The manage page of the signed link in every mail: choices, unsubscribe, delete."""

import pytest
from django.test import Client
from django.utils import timezone

from subscriptions import links
from subscriptions.models import FilterSubscription, Subscriber

from .conftest import path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    subscriber = Subscriber.objects.create(email="reader@example.org", confirmed_at=timezone.now())
    FilterSubscription.objects.create(subscriber=subscriber, query="level=gb")
    return subscriber


def test_the_manage_page_changes_what_is_received(client, reader):
    manage = path_of(links.manage_url(reader))
    page = client.get(manage)
    assert "reader@example.org" in page.text

    response = client.post(
        manage, {"action": "save", "language": "en", "reminder_days": 3, "keep_filters": []}
    )

    assert response.status_code == 302
    reader.refresh_from_db()
    assert (reader.language, reader.wants_issues, reader.reminder_days) == ("en", False, 3)
    assert not reader.filters.exists()


def test_the_manage_page_unsubscribes(client, reader):
    client.post(path_of(links.manage_url(reader)), {"action": "unsubscribe"})

    reader.refresh_from_db()
    assert not reader.is_receiving


def test_the_manage_page_deletes_the_data(client, reader):
    response = client.post(path_of(links.manage_url(reader)), {"action": "delete"})

    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not FilterSubscription.objects.exists()
    assert client.get(path_of(links.manage_url(reader))).status_code == 404


def test_unsubscribe_by_get_only_asks(client, reader):
    response = client.get(path_of(links.unsubscribe_url(reader)))

    assert response.status_code == 200
    assert "<form" in response.text
    reader.refresh_from_db()
    assert reader.is_receiving


def test_one_click_unsubscribe_needs_no_csrf_token(reader):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(
        path_of(links.unsubscribe_url(reader)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    reader.refresh_from_db()
    assert not reader.is_receiving


def test_the_manage_page_keeps_its_csrf_check(reader):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(path_of(links.manage_url(reader)), {"action": "delete"})

    assert response.status_code == 403
    assert Subscriber.objects.exists()


def test_the_pages_are_never_cached(client, reader):
    response = client.get(path_of(links.manage_url(reader)))

    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
