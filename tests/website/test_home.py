"""The home page: the latest issue, comment requests closing soonest, recent meetings, news."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.standards.factories import CommentRequestFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_latest_issue_meetings_and_news(client, public_demo):
    response = client.get(reverse("website:home"))

    assert response.status_code == 200
    assert response.context["latest_issue"] == public_demo
    assert "2022年7月月报" in response.text
    assert reverse("bulletin:issue_pdf", kwargs={"year": 2022, "month": 7}) in response.text
    assert len(response.context["recent_meetings"]) == 5
    assert len(response.context["latest_news"]) == 5


def test_home_lists_the_comment_requests_closing_soonest_with_days_left(client, db):
    today = timezone.localdate()
    later = CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        start_date=today,
        end_date=today + datetime.timedelta(days=20),
    )
    sooner = CommentRequestFactory(
        is_public=True,
        standard__is_public=True,
        start_date=today,
        end_date=today + datetime.timedelta(days=2),
    )
    CommentRequestFactory(
        is_public=False, standard__is_public=True, start_date=today, end_date=today
    )

    response = client.get(reverse("website:home"))

    assert list(response.context["closing_soon"]) == [sooner, later]
    assert "2 天后截止" in response.text
    assert "20 天后截止" in response.text


def test_home_without_a_published_issue_says_so(client, demo):
    response = client.get(reverse("website:home"))

    assert response.context["latest_issue"] is None
    assert "尚未发布月报" in response.text
    assert list(response.context["recent_meetings"]) == []
