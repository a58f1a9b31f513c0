"""Subscribing, and the mailings: who gets an issue, a correction, a digest or a reminder."""

import datetime
import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from standards.filters import CommentRequestFilter
from standards.models import CommentRequest

from . import mail, tasks
from .models import Delivery, FilterSubscription, Mailing, Notice, Subscriber, canonical_filter

logger = logging.getLogger(__name__)


@transaction.atomic
def subscribe(email, language, wants_issues, reminder_days, filter_query=""):
    """Record the request and mail its answer; says nothing about what was there before.

    A new or unconfirmed address gets a confirmation link (an unconfirmed one with the choices
    just made); a confirmed one keeps its choices and gets its manage link, so that nobody can
    change another's subscription by typing their address.
    """
    email = email.strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    confirmed = subscriber is not None and subscriber.is_receiving
    if not confirmed:
        subscriber = subscriber or Subscriber(email=email)
        subscriber.language = language
        subscriber.wants_issues = wants_issues
        subscriber.reminder_days = reminder_days
        subscriber.unsubscribed_at = None
        subscriber.save()
        if filter_query is not None:
            add_filter(subscriber, filter_query)
    letter = mail.account_letter(subscriber, confirmed)
    transaction.on_commit(partial(_send_now, subscriber, letter))
    return subscriber


def _send_now(subscriber, letter):
    try:
        mail.message(subscriber, letter).send()
    except Exception:
        # The form's answer must not depend on the mail server: the reader may ask again.
        logger.exception("Subscription mail to subscriber %s not sent", subscriber.pk)


def add_filter(subscriber, query):
    """Subscribe to the comment requests the list shows for `query` (all of them if empty)."""
    query = canonical_filter(query)
    FilterSubscription.objects.get_or_create(subscriber=subscriber, query=query)


@transaction.atomic
def confirm(subscriber):
    if subscriber.confirmed_at is None or subscriber.unsubscribed_at is not None:
        subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])


@transaction.atomic
def unsubscribe(subscriber):
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])


@transaction.atomic
def forget(subscriber):
    """Delete the address and everything recorded for it; the mailings keep only their counts."""
    Subscriber.objects.filter(pk=subscriber.pk).delete()


def matching(query, day=None):
    """The comment requests the public list shows for the filter `query`, by its own FilterSet."""
    queryset = CommentRequest.objects.published()
    filterset = CommentRequestFilter(QueryDict(query), queryset=queryset)
    if not filterset.is_valid():
        return queryset.none()
    return filterset.qs


# Issues


def queue_issue_mailing(revision):
    """Queue the mail of a published revision: the issue itself the first time, a correction
    notice to those who got an earlier revision afterwards."""
    earlier = Mailing.objects.filter(
        revision__issue=revision.issue, revision__number__lt=revision.number
    )
    kind = Mailing.Kind.CORRECTION if earlier.exists() else Mailing.Kind.ISSUE
    try:
        with transaction.atomic():
            mailing, created = Mailing.objects.get_or_create(kind=kind, revision=revision)
    except IntegrityError:
        return None
    if created:
        transaction.on_commit(partial(tasks.send_mailing.enqueue, mailing.pk))
    return mailing


def issue_recipients(mailing):
    if mailing.kind == Mailing.Kind.ISSUE:
        return Subscriber.objects.receiving_issues()
    got_it = Delivery.objects.filter(
        mailing__revision__issue=mailing.revision.issue,
        mailing__revision__number__lt=mailing.revision.number,
        status=Delivery.Status.SENT,
    )
    return Subscriber.objects.receiving().filter(pk__in=got_it.values("subscriber"))


def prepare(mailing):
    """One queued delivery per recipient; a run after a crash adds only those still missing."""
    if mailing.kind not in (Mailing.Kind.ISSUE, Mailing.Kind.CORRECTION):
        return
    pks = issue_recipients(mailing).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(mailing=mailing, subscriber_id=pk) for pk in pks.iterator()],
        ignore_conflicts=True,
        batch_size=1000,
    )


# Comment requests: the day's digest of new ones and reminders of deadlines


def subscribed_requests(subscriber, day, all_without_filters=False):
    """The comment requests still open or upcoming that the subscriber's filters show; all of
    them for a reader who saved no filter but wants reminders."""
    filters = subscriber.filters.all()
    if not filters and all_without_filters:
        found = CommentRequest.objects.published()
    else:
        found = CommentRequest.objects.none()
    for subscription in filters:
        found = found | matching(subscription.query)
    return CommentRequest.objects.filter(
        pk__in=found.filter(end_date__gte=day).values("pk")
    ).order_by("end_date", "pk")


def queue_comment_request_mailings(day=None):
    """The day's digest and reminders, each request named to each reader once."""
    day = day or timezone.localdate()
    queued = []
    for kind in (Mailing.Kind.DIGEST, Mailing.Kind.REMINDER):
        with transaction.atomic():
            mailing, _created = Mailing.objects.get_or_create(kind=kind, day=day)
            for subscriber in Subscriber.objects.receiving().prefetch_related("filters"):
                _notify(mailing, subscriber, day)
        queued.append(mailing)
    return queued


def _notify(mailing, subscriber, day):
    if mailing.deliveries.filter(subscriber=subscriber).exists():
        return
    reminding = mailing.kind == Mailing.Kind.REMINDER
    requests = subscribed_requests(subscriber, day, all_without_filters=reminding)
    if not reminding:
        kind = Notice.Kind.NEW
    else:
        if not subscriber.reminder_days:
            return
        kind = Notice.Kind.REMINDER
        requests = requests.filter(
            start_date__lte=day, end_date__lte=day + datetime.timedelta(subscriber.reminder_days)
        )
    told = Notice.objects.filter(subscriber=subscriber, kind=kind).values("comment_request")
    pks = list(requests.exclude(pk__in=told).values_list("pk", flat=True))
    if not pks:
        return
    delivery = Delivery.objects.create(mailing=mailing, subscriber=subscriber, comment_requests=pks)
    Notice.objects.bulk_create(
        [
            Notice(subscriber=subscriber, comment_request_id=pk, kind=kind, delivery=delivery)
            for pk in pks
        ]
    )
