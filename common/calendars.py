"""iCalendar files that calendar applications subscribe to, shared by the apps' calendars."""

import hashlib
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from icalendar import Calendar, Event

from .caching import generation, page_cache
from .feeds import site_host

PRODID = "-//Automotive Standards Bulletin//Public calendars//ZH"

# A calendar holds what ended within the past year and everything still running or to come.
# Subscribers need what is current; a year back keeps the last round of each yearly meeting and
# deadline in view, and the file no longer grows with the archive. The whole history is there a
# year at a time (?year=2022), each file as small as one year's events.
LOOK_BACK = timedelta(days=365)
# Nothing the secretariat keeps is older; an earlier year is a mistyped or hostile request.
FIRST_YEAR = 1900
YEAR = re.compile(r"[0-9]{4}")
# A day at most: the key names the day, and the window moves with it.
CALENDAR_CACHE_SECONDS = 24 * 60 * 60
# The longest one request writes a calendar for the others: past it, they write their own.
CALENDAR_BUILD_SECONDS = 20


def window_start(today=None):
    """The first day an event may end on and still be in the default calendar."""
    return (today or timezone.localdate()) - LOOK_BACK


class WindowRefused(ValueError):
    """The query string asks for no window a calendar is given in."""


@dataclass(frozen=True)
class CalendarWindow:
    """The days a calendar covers: from `first_day` on (to `last_day` when given)."""

    first_day: date
    last_day: date | None = None
    year: int | None = None

    @classmethod
    def asked(cls, query, today=None):
        """The default window, or the year `?year=` asks for; WindowRefused for anything else."""
        years = query.getlist("year")
        if not years:
            return cls(window_start(today))
        if len(years) > 1 or not YEAR.fullmatch(years[0]) or int(years[0]) < FIRST_YEAR:
            raise WindowRefused(
                _("“year”须为 %(first)d 年以后的一个四位数年份，如 ?year=2022。")
                % {"first": FIRST_YEAR}
            )
        year = int(years[0])
        return cls(date(year, 1, 1), date(year, 12, 31), year)

    def filter(self, records, first="start_date", last="end_date"):
        """The records whose events, from their `first` day to their `last`, touch the window."""
        records = records.filter(**{f"{last}__gte": self.first_day})
        if self.last_day:
            records = records.filter(**{f"{first}__lte": self.last_day})
        return records

    def name(self, name):
        if self.year is None:
            return name
        return _("%(name)s（%(year)d年）") % {"name": name, "year": self.year}

    def path(self, path):
        """The address of this window's calendar at `path`."""
        return path if self.year is None else f"{path}?year={self.year}"

    def filename(self, stem):
        return f"{stem}.ics" if self.year is None else f"{stem}-{self.year}.ics"


class CalendarView(View):
    """An .ics file of the events in the window the request asks for (see CalendarWindow)."""

    http_method_names = ["get", "head"]
    name = ""
    stem = ""  # of the file's name

    def get(self, request, *args, **kwargs):
        try:
            window = CalendarWindow.asked(request.GET)
        except WindowRefused as refusal:
            return HttpResponseBadRequest(str(refusal), content_type="text/plain; charset=utf-8")
        filename = window.filename(self.get_stem())
        return calendar_response(self.calendar_file(window, filename), filename)

    def calendar_file(self, window, filename):
        """The .ics file of the window's events.

        A year of 100,000 standards' deadlines is 4,000 events and a second of icalendar's
        time, and subscribed applications ask for it every hour or so: it is written once per
        content generation (common.caching), day (the window moves with it), language and
        address, by one request at a time. While it is being written, the others get the file
        of the generation before, or wait for this one when there is none yet.
        """
        request = self.request

        def written():
            return calendar_bytes(request, window, self.get_name(), self.events(window), filename)

        if not settings.PUBLIC_CALENDAR_CACHE:
            return written()
        # Hashed: the address is the visitor's, of any length.
        calendar = hashlib.sha256(
            "\n".join(
                (
                    f"{timezone.localdate():%Y%m%d}",
                    get_language() or "",
                    request.build_absolute_uri(window.path(request.path)),
                )
            ).encode()
        ).hexdigest()
        key, latest_key = f"calendar:{generation()}:{calendar}", f"calendar:latest:{calendar}"
        cache = page_cache()
        body = cache.get(key)
        if body is not None:
            return body
        building_key = f"{key}:building"
        if not cache.add(building_key, True, timeout=CALENDAR_BUILD_SECONDS):
            body = cache.get(latest_key) or wait_for(cache, key, CALENDAR_BUILD_SECONDS)
            if body is not None:
                return body
        try:
            body = written()
            cache.set_many({key: body, latest_key: body}, timeout=CALENDAR_CACHE_SECONDS)
        finally:
            cache.delete(building_key)
        return body

    def get_name(self):
        return str(self.name)

    def get_stem(self):
        return self.stem

    def events(self, window):
        raise NotImplementedError


def wait_for(cache, key, seconds):
    """The value `key` is given within `seconds`, else None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.1)
        value = cache.get(key)
        if value is not None:
            return value
    return None


def calendar_bytes(request, window, name, events, filename):
    """The .ics file of the events, named so that subscribing applications show the name."""
    calendar = Calendar.new(
        name=window.name(name),
        prodid=PRODID,
        uid=f"{filename}@{site_host()}",
        # The calendar's own address names its window only: the file is the same for any other
        # query string.
        url=request.build_absolute_uri(window.path(request.path)),
        subcomponents=events,
    )
    return calendar.to_ical()


def calendar_response(body, filename):
    return HttpResponse(
        body,
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def describe(*facts):
    """The plain-text lines of an event's description, one "label：value" line per given fact."""
    lines = [_("%(label)s：%(value)s") % {"label": k, "value": v} for k, v in facts if v]
    return "\n".join(lines) or None


def all_day_event(request, record, first_day, last_day, **properties):
    """An event over whole days, from first_day to last_day inclusive, linking the record's page.

    Its UID stays the same across downloads and whatever address the calendar was fetched at
    (it is on SITE_URL's host), so a subscribed calendar updates the event instead of adding it
    again.
    """
    return Event.new(
        uid=f"{record._meta.model_name}-{record.pk}@{site_host()}",
        start=first_day,
        # An all-day DTEND is exclusive.
        end=last_day + timedelta(days=1),
        url=request.build_absolute_uri(record.get_absolute_url()),
        stamp=record.updated_at,
        last_modified=record.updated_at,
        **properties,
    )
