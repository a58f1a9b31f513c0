"""For cron, once a day: the digest of new comment requests and the deadline reminders."""

import datetime

from django.core.management.base import BaseCommand

from subscriptions import tasks
from subscriptions.services import queue_comment_request_mailings


class Command(BaseCommand):
    help = "Queue and send the day's comment-request digest and deadline reminders."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=datetime.date.fromisoformat, help="YYYY-MM-DD")

    def handle(self, *args, day=None, **options):
        for mailing in queue_comment_request_mailings(day):
            tasks.send_mailing.enqueue(mailing.pk)
            self.stdout.write(f"{mailing}: {mailing.deliveries.count()}")
