"""The mailings, run as Django tasks: each can be run again after a crash and sends only what is
still queued (sending.py)."""

from django.tasks import task

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


@task
def send_mailing(mailing_id):
    mailing = Mailing.objects.select_related("revision__issue").get(pk=mailing_id)
    services.prepare(mailing)
    sending.send(mailing, composer(mailing))
    return mailing.sent


def send_test_copy(issue, revision, address, language):
    """An issue's mail sent to `address` alone (an editor before publishing)."""
    reader = Subscriber(email=address, language=language)
    letter = mail.issue_letter(revision, language, test_copy=True)
    mail.message(reader, letter).send()
