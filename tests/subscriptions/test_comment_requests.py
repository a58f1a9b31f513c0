"""New comment requests by saved filter (the list's own FilterSet), and deadline reminders."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from standards.models import Standard
from subscriptions.models import FilterSubscription, Notice, Subscriber
from tests.standards.factories import CommentRequestFactory, CommitteeFactory

from .conftest import html_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def request(title, level=Standard.Level.RECOMMENDED, committee=None, days_left=20, public=True):
    committee = committee or CommitteeFactory(name="整车分标委")
    made = CommentRequestFactory(
        standard__title=title,
        standard__level=level,
        standard__committee=committee,
        standard__is_public=public,
        is_public=public,
        start_date=TODAY - datetime.timedelta(days=5),
        end_date=TODAY + datetime.timedelta(days=days_left),
    )
    return made


def reader(email="reader@example.org", query=None, reminder_days=0):
    subscriber = Subscriber.objects.create(
        email=email, confirmed_at=timezone.now(), wants_issues=False, reminder_days=reminder_days
    )
    if query is not None:
        FilterSubscription.objects.create(subscriber=subscriber, query=query)
    return subscriber


def run(day=TODAY):
    call_command("send_subscriptions", f"--day={day.isoformat()}", stdout=io.StringIO())


def linked_requests(html):
    return set(re.findall(r"/comment-requests/(\d+)/", html))


def test_a_filter_gets_exactly_what_the_list_shows_for_it(client, smtp):
    brakes = CommitteeFactory(name="制动分标委")
    request("乘用车制动系统技术要求", level=Standard.Level.MANDATORY, committee=brakes)
    request("商用车制动器试验方法", level=Standard.Level.MANDATORY, committee=brakes)
    request("制动软管", level=Standard.Level.RECOMMENDED, committee=brakes)
    request("乘用车座椅", level=Standard.Level.MANDATORY)
    request("制动液内部草案", level=Standard.Level.MANDATORY, committee=brakes, public=False)
    query = f"level=gb&committee={brakes.pk}&q=制动"
    reader(query=query)

    run()

    [mail] = smtp.messages
    listed = client.get(f"/comment-requests/?{query}").text
    assert linked_requests(html_of(mail)) == linked_requests(listed)
    assert len(linked_requests(listed)) == 2


def test_each_new_request_is_sent_once(smtp):
    request("乘用车制动系统技术要求")
    reader(query="")

    run()
    run()
    run(TODAY + datetime.timedelta(days=1))

    assert len(smtp.messages) == 1
    request("商用车制动器试验方法")
    run(TODAY + datetime.timedelta(days=2))
    assert len(smtp.messages) == 2
    assert len(linked_requests(html_of(smtp.messages[1]))) == 1


def test_cron_run_all_day_long_sends_each_reader_one_digest_and_one_reminder_a_day(smtp):
    request("乘用车制动系统技术要求", days_left=2)
    reader(query="", reminder_days=3)
    run()
    request("商用车制动器试验方法", days_left=2)  # published later that day

    for _quarter in range(3):
        run()

    assert len(smtp.messages) == 2
    assert len([mail for mail in smtp.messages if "即将截止" in mail["Subject"]]) == 1
    run(TODAY + datetime.timedelta(days=1))  # the later request the next day, in both
    assert len(smtp.messages) == 4


def test_a_reminder_goes_once_per_request_and_reader(smtp):
    soon = request("乘用车制动系统技术要求", days_left=2)
    request("商用车制动器试验方法", days_left=10)
    subscriber = reader(query="", reminder_days=3)
    reader(email="other@example.org", query="", reminder_days=3)

    run()
    run()
    run(TODAY + datetime.timedelta(days=1))

    reminders = [mail for mail in smtp.messages if "即将截止" in mail["Subject"]]
    assert len(reminders) == 2
    assert {mail["To"] for mail in reminders} == {"reader@example.org", "other@example.org"}
    assert linked_requests(html_of(reminders[0])) == {str(soon.pk)}
    assert Notice.objects.filter(subscriber=subscriber, kind="reminder").count() == 1


def test_the_second_request_is_reminded_when_its_day_comes(smtp):
    request("乘用车制动系统技术要求", days_left=2)
    later = request("商用车制动器试验方法", days_left=10)
    reader(query="", reminder_days=7)
    run()
    smtp.clear()

    run(TODAY + datetime.timedelta(days=4))

    [mail] = smtp.messages
    assert linked_requests(html_of(mail)) == {str(later.pk)}


def test_no_reminders_when_off_and_nothing_after_unsubscribing(smtp):
    request("乘用车制动系统技术要求", days_left=2)
    reader(reminder_days=0)
    gone = reader(email="gone@example.org", query="", reminder_days=3)
    gone.unsubscribed_at = timezone.now()
    gone.save()

    run()

    assert smtp.raw == []


def test_a_reader_without_filters_is_reminded_of_every_request(smtp):
    request("乘用车制动系统技术要求", days_left=2)
    reader(reminder_days=3)

    run()

    [mail] = smtp.messages
    assert "即将截止" in mail["Subject"]
