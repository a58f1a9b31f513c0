"""A temporary refusal is asked again minutes and hours later, and mailings left unfinished go on
without anyone: run again by the task backend when it can wait, else by cron."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django.utils import timezone

from subscriptions import sending, tasks
from subscriptions.models import Delivery, Mailing, Subscriber

from .test_sending import readers, received

pytestmark = pytest.mark.django_db

BUSY = "busy@example.org"


@pytest.fixture
def busy(smtp):
    """The server refuses BUSY for now (450) and accepts the others; the RCPT commands it got."""
    asked = []

    async def rcpt(server, session, envelope, address, rcpt_options):
        asked.append(address)
        if address == BUSY and smtp.busy:
            return "450 4.2.1 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp.busy = True
    smtp.handle_RCPT = rcpt
    return asked


@pytest.fixture
def clock(monkeypatch):
    """Move the time on by a timedelta."""
    now = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: now[0])

    def move(by):
        now[0] += by

    move.now = lambda: now[0]
    return move


@pytest.fixture
def deferring(settings):
    """A task backend that can wait, as the database one in production; it runs nothing."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def issue_mailing(revision):
    """An issue's mailing to three readers and BUSY."""
    readers(3)
    Subscriber.objects.create(email=BUSY, confirmed_at=timezone.now())
    return Mailing.objects.create(kind=Mailing.Kind.ISSUE, revision=revision)


def test_a_temporary_refusal_is_deferred_not_asked_again_at_once(smtp, busy, public_demo, clock):
    mailing = issue_mailing(public_demo.revisions.get())

    tasks.send_mailing.enqueue(mailing.pk)
    tasks.send_mailing.enqueue(mailing.pk)

    assert busy.count(BUSY) == 1
    row = Delivery.objects.get(subscriber__email=BUSY)
    assert (row.status, row.attempts, row.claimed_by) == ("queued", 1, "")
    assert row.claimed_until == clock.now() + sending.RETRY_DELAYS[0]
    assert row.smtp_response.startswith("450")
    assert sum(received(smtp).values()) == 3


def test_the_delays_grow_then_the_row_fails_with_the_server_answer(smtp, busy, public_demo, clock):
    mailing = issue_mailing(public_demo.revisions.get())
    tasks.send_mailing.enqueue(mailing.pk)
    row = Delivery.objects.get(subscriber__email=BUSY)

    for attempt, delay in enumerate(sending.RETRY_DELAYS, start=1):
        row.refresh_from_db()
        assert (row.status, row.attempts) == ("queued", attempt)
        assert row.claimed_until == clock.now() + delay
        clock(delay - datetime.timedelta(seconds=1))
        tasks.send_mailing.enqueue(mailing.pk)
        assert busy.count(BUSY) == attempt  # not yet
        clock(datetime.timedelta(seconds=2))
        tasks.send_mailing.enqueue(mailing.pk)

    row.refresh_from_db()
    assert busy.count(BUSY) == sending.MAX_ATTEMPTS
    assert row.status == "failed"
    assert row.smtp_response == "450 4.2.1 Mailbox busy, try later"
    mailing.refresh_from_db()
    assert (mailing.sent, mailing.failed) == (3, 1)
    assert mailing.finished_at is not None


def test_a_deferred_row_is_sent_when_the_server_takes_it_later(smtp, busy, public_demo, clock):
    mailing = issue_mailing(public_demo.revisions.get())
    tasks.send_mailing.enqueue(mailing.pk)
    smtp.busy = False

    clock(sending.RETRY_DELAYS[0] + datetime.timedelta(seconds=1))
    tasks.send_mailing.enqueue(mailing.pk)

    assert received(smtp)[BUSY] == 1
    assert Mailing.objects.get().sent == 4


def test_a_backend_that_can_wait_runs_the_mailing_again_when_the_deferred_row_is_due(
    smtp, busy, public_demo, clock, deferring
):
    mailing = issue_mailing(public_demo.revisions.get())

    tasks.send_mailing.call(mailing.pk)

    [again] = deferring.results
    assert again.task.run_after == clock.now() + sending.RETRY_DELAYS[0]
    assert again.args == [mailing.pk]


def test_a_finished_mailing_is_not_run_again(smtp, public_demo, deferring):
    readers(2)
    mailing = Mailing.objects.create(kind=Mailing.Kind.ISSUE, revision=public_demo.revisions.get())

    tasks.send_mailing.call(mailing.pk)

    assert Mailing.objects.get().sent == 2
    assert deferring.results == []


def test_a_stopped_mailing_waits_then_runs_again_and_cron_starts_no_second_run(
    smtp, public_demo, clock, deferring
):
    readers(5)
    mailing = Mailing.objects.create(kind=Mailing.Kind.ISSUE, revision=public_demo.revisions.get())
    smtp.fail_after = 2

    with pytest.raises(sending.SendingStopped):
        tasks.send_mailing.call(mailing.pk)

    [again] = deferring.results
    assert again.task.run_after == clock.now() + tasks.PAUSE
    assert not Mailing.objects.unfinished().exists()
    call_command("send_subscriptions", stdout=io.StringIO())
    assert len(deferring.results) == 1
    tasks.send_mailing.call(mailing.pk)  # a run while everything waits: nothing, and no chain
    assert len(deferring.results) == 1

    smtp.fail_after = None
    clock(tasks.PAUSE + datetime.timedelta(seconds=1))
    tasks.send_mailing.call(*again.args)

    assert sum(received(smtp).values()) == 5
    assert len(deferring.results) == 1


def test_a_server_down_at_the_start_stops_the_run_and_it_waits(
    smtp, public_demo, deferring, settings
):
    readers(2)
    mailing = Mailing.objects.create(kind=Mailing.Kind.ISSUE, revision=public_demo.revisions.get())
    settings.MAILERS["default"]["OPTIONS"]["port"] = 1  # nothing listens there

    with pytest.raises(sending.SendingStopped):
        tasks.send_mailing.call(mailing.pk)

    assert Delivery.objects.deferred().count() == 2
    assert len(deferring.results) == 1


def test_cron_runs_every_mailing_left_with_rows_to_send(smtp, public_demo, clock):
    readers(4)
    mailing = Mailing.objects.create(kind=Mailing.Kind.ISSUE, revision=public_demo.revisions.get())
    tasks.services.prepare(mailing)
    sending.claim(mailing, "killed-worker", batch=4)  # a worker killed with every row claimed
    done = Mailing.objects.create(kind=Mailing.Kind.DIGEST, day=timezone.localdate())
    assert list(Mailing.objects.unfinished()) == []

    clock(sending.CLAIM + datetime.timedelta(seconds=1))
    assert list(Mailing.objects.unfinished()) == [mailing]
    out = io.StringIO()
    call_command("send_subscriptions", stdout=out)

    assert sum(received(smtp).values()) == 4
    assert str(mailing) in out.getvalue()
    assert str(done) not in out.getvalue()
    assert list(Mailing.objects.unfinished()) == []


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_sends_the_deferred_row_when_due(
    smtp, busy, public_demo, clock, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mailing = issue_mailing(public_demo.revisions.get())
    tasks.send_mailing.enqueue(mailing.pk)
    call_command("db_worker", "--batch", stdout=io.StringIO())
    assert (sum(received(smtp).values()), busy.count(BUSY)) == (3, 1)
    smtp.busy = False

    clock(sending.RETRY_DELAYS[0] - datetime.timedelta(seconds=1))
    call_command("db_worker", "--batch", stdout=io.StringIO())
    assert busy.count(BUSY) == 1  # its run waits
    clock(datetime.timedelta(seconds=2))
    call_command("db_worker", "--batch", stdout=io.StringIO())

    assert received(smtp)[BUSY] == 1
    assert Mailing.objects.get().sent == 4
