"""For cron, every 15 minutes or so: the day's comment-request digest and deadline reminders
(queued once a day: one mailing a day of each, each request named to each reader once), and
every mailing left with deliveries to send (a stopped server, a killed worker, deferred rows)."""

import datetime

from django.core.management.base import BaseCommand

from subscriptions import tasks
from subscriptions.models import Mailing
from subscriptions.services import queue_comment_request_mailings


class Command(BaseCommand):
    help = (
        "Queue the day's comment-request digest and deadline reminders, and send every mailing "
        "that has deliveries waiting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--day", type=datetime.date.fromisoformat, help="YYYY-MM-DD")

    def handle(self, *args, day=None, **options):
        queue_comment_request_mailings(day)
        for mailing in Mailing.objects.unfinished():
            tasks.send_mailing.enqueue(mailing.pk)
            self.stdout.write(f"{mailing}: {mailing.deliveries.count()}")
