"""The mailings, run as Django tasks: each can be run again after a crash and sends only what is
still queued (sending.py)."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from standards.models import CommentRequest

from . import mail, sending, services
from .models import Mailing, Subscriber


def composer(mailing):
    """compose(delivery) for the mailing: an issue's letter made and serialized once per
    language, a digest's or reminder's for each reader, whose lists differ."""
    letters = {}

    def letter_for(language):
        if language not in letters:
            if mailing.kind == Mailing.Kind.ISSUE:
                letter = mail.issue_letter(mailing.revision, language)
            else:
                letter = mail.correction_letter(mailing.revision, language)
            letters[language] = letter, mail.serialized(letter)
        return letters[language]

    def compose(delivery):
        subscriber = delivery.subscriber
        if mailing.kind in (Mailing.Kind.ISSUE, Mailing.Kind.CORRECTION):
            return mail.Outgoing(subscriber, *letter_for(subscriber.language))
        requests = list(
            CommentRequest.objects.filter(pk__in=delivery.comment_requests)
            .select_related("standard", "proposer")
            .order_by("end_date", "pk")
        )
        letter = mail.comment_requests_letter(
            mailing.kind, requests, subscriber.language, days=subscriber.reminder_days
        )
        return mail.Outgoing(subscriber, letter)

    return compose


# How long a mailing waits after the server stopped a run, when the task backend can wait.
PAUSE = timedelta(minutes=5)


@task
def send_mailing(mailing_id):
    """Send what is queued; run again later for what the server stopped or deferred.

    Only a backend that can defer a task (the database one in production) runs it again; with
    the others the cron job send_subscriptions resumes the mailing.
    """
    mailing = Mailing.objects.select_related("revision__issue").get(pk=mailing_id)
    services.prepare(mailing)
    can_defer = send_mailing.get_backend().supports_defer
    # Only a run that took or paused rows runs again: the rows waiting otherwise were put off by
    # another run, which runs again for them. So neither cron nor a second run starts a chain
    # of runs beside the first.
    try:
        taken = sending.send(mailing, composer(mailing))
    except sending.SendingStopped:
        # The free rows wait with the mailing, so that cron starts no other run meanwhile.
        if can_defer and sending.pause(mailing, timezone.now() + PAUSE):
            _again(mailing)
        raise
    if can_defer and taken:
        _again(mailing)
    return mailing.sent


def _again(mailing):
    if run_after := sending.next_retry(mailing):
        send_mailing.using(run_after=run_after).enqueue(mailing.pk)


def send_test_copy(issue, revision, address, language):
    """An issue's mail sent to `address` alone (an editor before publishing)."""
    reader = Subscriber(email=address, language=language)
    letter = mail.issue_letter(revision, language, test_copy=True)
    mail.message(reader, letter).send()
