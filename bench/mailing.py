"""An issue mailed to 10,000 subscribers through a local SMTP sink, against plain smtplib.

    .venv/bin/python bench/mailing.py [--quick] [--subscribers N] [--database-url URL]

The data: a fresh, migrated database (harness.database, "empty") with the demo's July 2022 issue
and a stand-in published revision (as tests/conftest.py's public_demo), and N confirmed
subscribers, a tenth of them English.

The figure, mailing: messages per second of the whole mailing as the task runs it
(subscriptions.tasks.send_mailing's two steps): one Delivery row per subscriber written, then each
claimed, its message made with the reader's own signed links and List-Unsubscribe headers,
sent over one SMTP connection and marked sent, N times.

Its floor: smtplib alone sending one message made beforehand N times over one connection to the
same sink (aiosmtpd in this process, answering 250 and keeping nothing), in the same run. The
target: at least half its rate. Printed too: the peak resident memory the mailing added
(getrusage), and that the sink got exactly N messages, one per subscriber.
"""

import email.policy
import resource
import smtplib
import socket
import time

import harness


def main():
    args = harness.arguments(
        __doc__.split("\n\n")[0],
        **{"--subscribers": {"type": int, "default": 0, "help": "10000 (1000 quick)"}},
    )
    count = args.subscribers or (1000 if args.quick else 10000)
    with harness.database(args, data="empty"):
        harness.manage("load_demo", "--draft")
        harness.setup_django()
        run(count)


class Sink:
    def __init__(self):
        self.recipients = []

    async def handle_DATA(self, server, session, envelope):
        self.recipients.extend(envelope.rcpt_tos)
        return "250 2.0.0 Ok"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def published_revision():
    from django.core.files.base import ContentFile

    from bulletin.models import Issue, IssueRevision
    from bulletin.services import make_records_public

    issue = Issue.objects.get(year=2022, month=7)
    revision = IssueRevision(issue=issue, number=1, html_sha256="0" * 64, pdf_sha256="1" * 64)
    revision.html.save("2022-07.html", ContentFile(b"<html>2022-07</html>"), save=False)
    revision.pdf.save("bulletin-2022-07-r1.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
    revision.save()
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.PUBLISHED)
    make_records_public(issue)
    return revision


def run(count):
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.utils import timezone

    from subscriptions import mail, sending, services, tasks
    from subscriptions.models import Delivery, Mailing, Subscriber

    revision = published_revision()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{number}@example.org",
                language="en" if number % 10 == 0 else "zh-hans",
                confirmed_at=now,
            )
            for number in range(count)
        ],
        batch_size=1000,
    )
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 30},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "汽车标准月报 <bulletin@example.org>"
    try:
        # The floor: one prebuilt message, N times, over one connection.
        reader = Subscriber.objects.first()
        letter = mail.issue_letter(revision, "zh-hans")
        prebuilt = mail.message(reader, letter).message(policy=email.policy.SMTP).as_bytes()
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", controller.port) as smtp:
            for _ in range(count):
                smtp.sendmail("bulletin@example.org", [reader.email], prebuilt)
        floor = time.perf_counter() - started
        assert len(sink.recipients) == count
        sink.recipients.clear()

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        mailing = Mailing.objects.create(kind=Mailing.Kind.ISSUE, revision=revision)
        started = time.perf_counter()
        services.prepare(mailing)
        sending.send(mailing, tasks.composer(mailing))
        ours = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    finally:
        controller.stop()

    assert len(sink.recipients) == count, len(sink.recipients)
    assert len(set(sink.recipients)) == count
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == count
    harness.record(
        "mailing",
        value=count / ours,
        floor=count / floor,
        unit="msg/s",
        target=0.5,
        higher_is_better=True,
        label=f"issue mailing to {count:,} subscribers",
        detail=(
            f"{ours:.1f} s against smtplib's {floor:.1f} s; peak memory +"
            f"{(rss_after - rss_before) / 1024:.0f} MB (RSS {rss_after / 1024:.0f} MB); "
            f"message {len(prebuilt) / 1024:.0f} KB"
        ),
    )


if __name__ == "__main__":
    main()
