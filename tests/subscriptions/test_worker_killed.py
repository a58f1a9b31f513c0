"""A real `manage.py db_worker` killed with SIGKILL in the middle of a mailing: the next run,
started by cron's `send_subscriptions`, sends the rest, and every reader has the issue once.

The worker and the commands are separate processes over one SQLite file, as in production; the
mail server is aiosmtpd in this process, slow enough that the kill falls mid-mailing.
"""

import asyncio
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from tests.worker_processes import Project, sigkill, stopped_after, wait_for

from .conftest import free_port

READERS = 40
CLAIM_SECONDS = 2  # how long the killed worker's rows stay claimed

ADD_READERS = f"""
from django.utils import timezone
from subscriptions.models import Subscriber
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n}}@example.org", confirmed_at=timezone.now())
    for n in range({READERS})
)
"""


class SlowSink:
    """Accepts each message after a pause, and counts what it accepted by recipient."""

    def __init__(self):
        self.accepted = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.05)
        with self.lock:
            self.accepted.update(envelope.rcpt_tos)
        return "250 2.0.0 Ok"

    def total(self):
        with self.lock:
            return sum(self.accepted.values())


@pytest.fixture
def sink():
    handler = SlowSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def test_a_worker_killed_mid_mailing_leaves_the_rest_to_the_next_run(tmp_path, sink):
    handler, port = sink
    project = Project(
        tmp_path,
        "tests.subscriptions.worker_settings",
        TEST_SMTP_PORT=str(port),
        TEST_CLAIM_SECONDS=str(CLAIM_SECONDS),
    )
    manage, worker, query = project.manage, project.worker, project.query

    manage("migrate", "-v", "0")
    manage("load_demo")  # the publishing, and with it the mailing, waits for the worker
    manage("shell", "-c", ADD_READERS)

    with stopped_after(worker()) as running:
        wait_for(lambda: handler.total() >= 10)
        sigkill(running)
    sent_before = query("SELECT count(*) FROM subscriptions_delivery WHERE status = 'sent'")[0][0]
    assert 10 <= sent_before < READERS  # killed mid-mailing

    time.sleep(CLAIM_SECONDS + 0.5)
    manage("send_subscriptions")  # cron: it queues the unfinished mailing again
    with stopped_after(worker()):
        wait_for(
            lambda: (
                query("SELECT count(*) FROM subscriptions_delivery WHERE status = 'sent'")
                == [(READERS,)]
            )
        )

    readers = {f"reader{n}@example.org" for n in range(READERS)}
    assert set(handler.accepted) == readers
    # Only the message the server accepted in the instant before the kill can have gone twice.
    assert sum(handler.accepted.values()) - READERS <= 1
    assert query("SELECT count(*), count(DISTINCT subscriber_id) FROM subscriptions_delivery") == [
        (READERS, READERS)
    ]
