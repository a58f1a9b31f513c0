"""Calendars written once per content generation (common.calendars.CalendarView.calendar_file):
the same file for any other query string, one request writing it while the others get the one
before or wait for it."""

import pytest
from django.core.cache import cache
from icalendar import Calendar

from common import calendars
from common.caching import bump_public_pages
from tests.common.test_calendars import days_from_today, events
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import CommentRequestFactory


@pytest.fixture
def calendar_cache(settings):
    settings.PUBLIC_CALENDAR_CACHE = True
    cache.clear()
    yield
    cache.clear()


def current_event(url):
    """A public record with an event in the calendar at `url`."""
    if "meetings" in url:
        return MeetingFactory(is_public=True, **days_from_today(3, 4))
    return CommentRequestFactory(
        is_public=True, standard__is_public=True, **days_from_today(-2, 20)
    )


@pytest.mark.parametrize("url", ["/calendar/meetings.ics", "/calendar/comment-deadlines.ics"])
def test_a_calendar_is_written_once_per_content_generation(
    client, db, calendar_cache, django_assert_num_queries, url
):
    current_event(url)
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]

    current_event(url)
    bump_public_pages()  # as a commit does: the tests' transactions never commit

    rebuilt = client.get(url)
    assert len(events(first)) == 1
    assert len(events(rebuilt)) == 2


def test_a_cached_calendar_is_the_same_for_any_other_query(client, public_demo, calendar_cache):
    url = "/calendar/meetings.ics"
    plain = client.get(url)
    with_junk = client.get(url, {"utm_source": "<script>"})

    assert with_junk.content == plain.content
    assert Calendar.from_ical(with_junk.content)["URL"] == f"http://testserver{url}"
    a_year = client.get(url, {"year": "2022"})
    assert Calendar.from_ical(a_year.content)["URL"] == f"http://testserver{url}?year=2022"
    assert a_year.content != plain.content


def another_request_is_writing_it(monkeypatch):
    """The calendar's writing is taken: every request's claim on it fails."""
    real_add = cache.add
    monkeypatch.setattr(
        cache,
        "add",
        lambda key, *args, **kwargs: (
            False if key.endswith(":building") else real_add(key, *args, **kwargs)
        ),
    )


def test_while_a_calendar_is_being_written_the_others_get_the_one_before(
    client, db, calendar_cache, django_assert_num_queries, monkeypatch
):
    url = "/calendar/meetings.ics"
    current_event(url)
    before = client.get(url)
    current_event(url)
    bump_public_pages()
    another_request_is_writing_it(monkeypatch)
    with django_assert_num_queries(0):
        meanwhile = client.get(url)
    monkeypatch.undo()
    assert meanwhile.content == before.content
    assert len(events(client.get(url))) == 2


def test_with_no_calendar_before_a_request_waits_then_writes_its_own(
    client, db, calendar_cache, monkeypatch
):
    monkeypatch.setattr(calendars, "CALENDAR_BUILD_SECONDS", 0.3)
    another_request_is_writing_it(monkeypatch)
    current_event("/calendar/meetings.ics")

    response = client.get("/calendar/meetings.ics")

    assert len(events(response)) == 1
