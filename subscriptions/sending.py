"""Sending a mailing's deliveries over one SMTP connection, each recipient once.

A sender claims a batch of queued rows (SELECT … FOR UPDATE SKIP LOCKED where the database has
it, and always a conditional UPDATE that only a free row passes), sends them, and marks each row
sent the moment the server accepts its message. A sender killed midway leaves its claimed rows
queued: their claim expires and the next run sends them. Only a message accepted in the instant
between the server's answer and that UPDATE could go twice.
"""

import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from .models import Delivery, Mailing

BATCH = 100
CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 3


class SendingStopped(Exception):
    """The SMTP server or the connection to it failed: the rest waits for the next run."""


def claim(mailing, holder, batch=BATCH):
    now = timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    with transaction.atomic():
        candidates = Delivery.objects.filter(free, mailing=mailing, status=Delivery.Status.QUEUED)
        if db_connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        pks = list(candidates.order_by("pk").values_list("pk", flat=True)[:batch])
        Delivery.objects.filter(free, pk__in=pks, status=Delivery.Status.QUEUED).update(
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
    """
    holder = secrets.token_hex(8)
    connection = mailers.default
    connection.open()
    # Parsed once: prep_address is a full RFC 5322 parse, a tenth of a message's cost. Only the
    # SMTP backend has it; the others send Django's EmailMessage.
    prep_address = getattr(connection, "prep_address", None)
    sender = prep_address(settings.DEFAULT_FROM_EMAIL) if prep_address else None
    try:
        while deliveries := claim(mailing, holder):
            for delivery in deliveries:
                _send_one(connection, delivery, compose, sender)
            update_progress(mailing)
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
            rows.update(claimed_until=None, smtp_response=answer)
        return
    except OSError as error:  # the connection
        _stop(rows, str(error), error)
    rows.update(status=Delivery.Status.SENT, smtp_response=answer, sent_at=timezone.now())


def _stop(rows, answer, error):
    """Free the row for the next run and stop this one: the server cannot take more now."""
    rows.update(claimed_until=None, smtp_response=answer[:1000])
    raise SendingStopped(answer) from error


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
