"""Sending a mailing's deliveries over one SMTP connection, each recipient once.

A sender claims a batch of queued rows (SELECT … FOR UPDATE SKIP LOCKED where the database has
it, and always a conditional UPDATE that only a free row passes), sends them, and marks each row
sent the moment the server accepts its message. A sender killed midway leaves its claimed rows
queued: their claim expires and the next run sends them. Only a message accepted in the instant
between the server's answer and that UPDATE could go twice.

A temporary refusal of one message defers its row (held by nobody until a time that grows with its
attempts), so that the server is asked again minutes and hours later, not in the same second.
"""

import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F, Min
from django.utils import timezone

from .models import Delivery, Mailing

BATCH = 100
# How long a sender holds its rows: a killed one's are sent by the next run after this.
CLAIM = timedelta(seconds=settings.MAILING_CLAIM_SECONDS)
# How long a row waits after a temporary refusal at its first, second and third attempt; the
# fourth refusal fails it, some two and a half hours after the first.
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class SendingStopped(Exception):
    """The SMTP server or the connection to it failed: the rest waits for the next run."""


def claim(mailing, holder, batch=BATCH):
    now = timezone.now()
    with transaction.atomic():
        candidates = Delivery.objects.claimable(now).filter(mailing=mailing)
        if db_connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        pks = list(candidates.order_by("pk").values_list("pk", flat=True)[:batch])
        Delivery.objects.claimable(now).filter(pk__in=pks).update(
            claimed_by=holder, claimed_until=now + CLAIM, attempts=F("attempts") + 1
        )
    return list(
        Delivery.objects.filter(
            mailing=mailing,
            claimed_by=holder,
            claimed_until__isnull=False,  # not one released for the next run
            status=Delivery.Status.QUEUED,
        ).select_related("subscriber")
    )


def transmit(connection, outgoing, sender):
    """Send one message (mail.Outgoing) from `sender` (an addr-spec, as prep_address gives it);
    the server's answer to it. Raises smtplib's exceptions."""
    smtp = getattr(connection, "connection", None)
    if not isinstance(smtp, smtplib.SMTP):
        connection.send_messages([outgoing.email_message()])  # console, file and test backends
        return "accepted"
    recipient = connection.prep_address(outgoing.subscriber.email)
    smtp.ehlo_or_helo_if_needed()
    eight_bit = smtp.has_extn("8bitmime")
    code, answer = smtp.mail(sender, ["BODY=8BITMIME"] if eight_bit else [])
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    code, answer = smtp.rcpt(recipient)
    if code not in (250, 251):
        smtp.rset()
        raise smtplib.SMTPRecipientsRefused({recipient: (code, answer)})
    code, answer = smtp.data(outgoing.as_bytes(eight_bit))
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPDataError(code, answer)
    return f"{code} {answer.decode(errors='replace')}"


def _refusal(error):
    """(whether it is permanent, the server's answer) for an SMTP error about one message."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, answer = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, answer = error.smtp_code, error.smtp_error
    else:
        return False, str(error)
    if isinstance(answer, bytes):
        answer = answer.decode(errors="replace")
    return code >= 500, f"{code} {answer}"


def send(mailing, compose):
    """Send the mailing's queued deliveries; compose(delivery) makes each one's message.

    Raises SendingStopped when the server goes away; what was accepted before is marked sent.
    Returns how many rows this run took (sent, failed or deferred).
    """
    holder = secrets.token_hex(8)
    connection = mailers.default
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:  # the server is down or refuses us
        raise SendingStopped(str(error)) from error
    # Parsed once: prep_address is a full RFC 5322 parse, a tenth of a message's cost. Only the
    # SMTP backend has it; the others send Django's EmailMessage.
    prep_address = getattr(connection, "prep_address", None)
    sender = prep_address(settings.DEFAULT_FROM_EMAIL) if prep_address else None
    taken = 0
    try:
        while deliveries := claim(mailing, holder):
            taken += len(deliveries)
            for delivery in deliveries:
                _send_one(connection, delivery, compose, sender)
            update_progress(mailing)
        return taken
    finally:
        # Rows claimed but not reached are free at once for the next run, not after the claim.
        Delivery.objects.filter(claimed_by=holder, status=Delivery.Status.QUEUED).update(
            claimed_until=None
        )
        try:
            connection.close()
        finally:
            update_progress(mailing)


def _send_one(connection, delivery, compose, sender):
    rows = Delivery.objects.filter(pk=delivery.pk, claimed_by=delivery.claimed_by)
    try:
        answer = transmit(connection, compose(delivery), sender)
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPSenderRefused) as error:
        _stop(rows, str(error), error)
    except smtplib.SMTPException as error:  # about this message or recipient
        permanent, answer = _refusal(error)
        if answer.startswith("421"):
            _stop(rows, answer, error)
        if permanent or delivery.attempts >= MAX_ATTEMPTS:
            rows.update(status=Delivery.Status.FAILED, smtp_response=answer)
        else:
            # Held by no sender, so that the `finally` of send() leaves it deferred.
            until = timezone.now() + RETRY_DELAYS[delivery.attempts - 1]
            rows.update(claimed_by="", claimed_until=until, smtp_response=answer)
        return
    except OSError as error:  # the connection
        _stop(rows, str(error), error)
    rows.update(status=Delivery.Status.SENT, smtp_response=answer, sent_at=timezone.now())


def _stop(rows, answer, error):
    """Free the row for the next run and stop this one: the server cannot take more now."""
    rows.update(claimed_until=None, smtp_response=answer[:1000])
    raise SendingStopped(answer) from error


def pause(mailing, until):
    """Defer the mailing's free rows until `until` (the server stopped a run); how many."""
    return (
        Delivery.objects.claimable()
        .filter(mailing=mailing)
        .update(claimed_by="", claimed_until=until)
    )


def next_retry(mailing):
    """When the first of the mailing's deferred rows may go; None when none waits."""
    waiting = Delivery.objects.deferred().filter(mailing=mailing)
    return waiting.aggregate(at=Min("claimed_until"))["at"]


def update_progress(mailing):
    counts = dict(
        Delivery.objects.filter(mailing=mailing)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    total = sum(counts.values())
    sent = counts.get(Delivery.Status.SENT, 0)
    failed = counts.get(Delivery.Status.FAILED, 0)
    finished = timezone.now() if total and sent + failed == total else None
    Mailing.objects.filter(pk=mailing.pk).update(
        total=total, sent=sent, failed=failed, finished_at=finished
    )
    mailing.total, mailing.sent, mailing.failed, mailing.finished_at = (
        total,
        sent,
        failed,
        finished,
    )
