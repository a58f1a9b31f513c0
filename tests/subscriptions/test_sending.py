"""Mailings survive a stopped server and a killed worker: everyone gets the message once."""

import datetime
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from bulletin.models import IssueRevision
from bulletin.signals import revision_published
from subscriptions import sending, services, tasks
from subscriptions.models import Delivery, Mailing, Subscriber

from .conftest import text_of

pytestmark = pytest.mark.django_db


def readers(count, start=0):
    now = timezone.now()
    return [
        Subscriber.objects.create(email=f"r{number}@example.org", confirmed_at=now)
        for number in range(start, start + count)
    ]


def received(smtp):
    return Counter(address for recipients, _raw in smtp.raw for address in recipients)


def test_a_mailing_stopped_by_the_server_sends_the_rest_once_when_run_again(smtp, public_demo):
    everyone = readers(7)
    smtp.fail_after = 3

    revision_published.send(sender=IssueRevision, revision=public_demo.revisions.get())

    mailing = Mailing.objects.get()
    assert (mailing.sent, mailing.total) == (3, 7)
    smtp.fail_after = None
    tasks.send_mailing.enqueue(mailing.pk)

    assert received(smtp) == {reader.email: 1 for reader in everyone}
    mailing.refresh_from_db()
    assert (mailing.sent, mailing.failed, mailing.total) == (7, 0, 7)


def test_rows_held_by_a_killed_worker_are_sent_once_its_claim_expires(
    smtp, public_demo, monkeypatch
):
    everyone = readers(5)
    mailing = Mailing.objects.create(kind=Mailing.Kind.ISSUE, revision=public_demo.revisions.get())
    services.prepare(mailing)
    held = sending.claim(mailing, "killed-worker", batch=2)  # claimed, never sent

    tasks.send_mailing.enqueue(mailing.pk)
    assert sum(received(smtp).values()) == 3

    later = timezone.now() + sending.CLAIM + datetime.timedelta(seconds=1)
    monkeypatch.setattr(sending.timezone, "now", lambda: later)
    tasks.send_mailing.enqueue(mailing.pk)

    assert received(smtp) == {reader.email: 1 for reader in everyone}
    assert {delivery.pk for delivery in held} <= set(
        Delivery.objects.filter(status="sent").values_list("pk", flat=True)
    )


def test_a_refused_recipient_fails_with_the_server_answer_and_the_rest_go(smtp, public_demo):
    readers(2)
    Subscriber.objects.create(email="bad@invalid", confirmed_at=timezone.now())

    async def refuse(server, session, envelope, address, rcpt_options):
        if address == "bad@invalid":
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp.handle_RCPT = refuse
    revision_published.send(sender=IssueRevision, revision=public_demo.revisions.get())

    failed = Delivery.objects.get(subscriber__email="bad@invalid")
    assert failed.status == "failed"
    assert failed.smtp_response.startswith("550")
    assert Mailing.objects.get().sent == 2


def test_publishing_the_same_revision_again_mails_nobody_twice(smtp, public_demo):
    readers(2)
    revision = public_demo.revisions.get()

    revision_published.send(sender=IssueRevision, revision=revision)
    revision_published.send(sender=IssueRevision, revision=revision)

    assert sum(received(smtp).values()) == 2


def test_a_correction_goes_only_to_those_who_got_the_issue(smtp, public_demo):
    first = readers(2)
    revision_published.send(sender=IssueRevision, revision=public_demo.revisions.get())
    later = readers(1, start=10)
    smtp.clear()
    correction = IssueRevision(
        issue=public_demo,
        number=2,
        note="更正表2中的截止日期。",
        html_sha256="2" * 64,
        pdf_sha256="3" * 64,
    )
    correction.html.save("2022-07.html", ContentFile(b"<html>r2</html>"), save=False)
    correction.pdf.save("r2.pdf", ContentFile(b"%PDF-1.7 r2"), save=False)
    correction.save()

    revision_published.send(sender=IssueRevision, revision=correction)

    assert set(received(smtp)) == {reader.email for reader in first}
    assert later[0].email not in received(smtp)
    mail = smtp.messages[0]
    assert mail["Subject"].startswith("更正")
    assert "更正表2中的截止日期。" in text_of(mail)
    assert "/issues/2022/07/r2/" in text_of(mail) or "r2" in text_of(mail)
    assert Mailing.objects.get(revision=correction).kind == "correction"


def test_publishing_through_the_service_queues_the_mailing(smtp, published_demo):
    revision = IssueRevision.objects.get()

    assert Mailing.objects.get(revision=revision).kind == Mailing.Kind.ISSUE
