"""A confirmed reader receives the published issue over SMTP, and nothing after unsubscribing."""

import re

import pytest

from bulletin.models import IssueRevision
from bulletin.signals import revision_published
from subscriptions.models import Delivery, Mailing

from .conftest import html_of, links_in, path_of, text_of

pytestmark = pytest.mark.django_db


def publish(revision):
    revision_published.send(sender=IssueRevision, revision=revision)


def test_confirm_receive_unsubscribe_by_post_then_nothing(client, smtp, subscribe, public_demo):
    subscribe("reader@example.org")
    smtp.clear()

    publish(public_demo.revisions.get())

    [mail] = smtp.to("reader@example.org")
    raw_headers = smtp.raw[0][1].split(b"\r\n\r\n")[0].decode("ascii")  # 7-bit headers only
    raw_subject = re.search(r"^Subject: (.*(?:\r\n[ \t].*)*)", raw_headers, re.M).group(1)
    raw_from = re.search(r"^From: (.*(?:\r\n[ \t].*)*)", raw_headers, re.M).group(1).strip()
    assert raw_subject.lower().startswith("=?utf-8?")
    assert raw_from.lower().startswith("=?utf-8?") and raw_from.endswith("<bulletin@example.org>")
    assert "2022年7月月报" in mail["Subject"]
    assert mail["From"].addresses[0].display_name == "汽车标准月报"
    assert "2022年7月月报" in text_of(mail)
    assert "2022年7月月报" in html_of(mail)
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text_of(mail)

    # A mail program's one-click POST: no cookie, no CSRF token, no page.
    response = client.post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    smtp.clear()
    Mailing.objects.all().delete()
    publish(public_demo.revisions.get())

    assert smtp.raw == []


def test_the_issue_mail_links_work(client, smtp, subscribe, public_demo):
    subscribe("reader@example.org")
    smtp.clear()
    publish(public_demo.revisions.get())
    [mail] = smtp.messages

    links = set(links_in(text_of(mail))) | set(links_in(html_of(mail)))
    site_links = {link for link in links if link.startswith("http://testserver/")}
    assert len(site_links) > 10
    for link in site_links:
        response = client.get(path_of(link))
        assert response.status_code == 200, link
        if response.streaming:  # a file: read to the end, which closes it as a server would
            b"".join(response.streaming_content)


def test_an_english_reader_gets_english(smtp, subscribe, public_demo):
    subscribe("reader@example.org", language="en")
    smtp.clear()
    publish(public_demo.revisions.get())
    [mail] = smtp.messages

    assert "July 2022" in mail["Subject"]
    assert "/en/" in mail["List-Unsubscribe"]
    assert "Manage" in text_of(mail)


def test_each_delivery_is_recorded_with_the_server_answer(smtp, subscribe, public_demo):
    subscribe("one@example.org")
    subscribe("two@example.org")
    publish(public_demo.revisions.get())

    mailing = Mailing.objects.get()
    assert (mailing.total, mailing.sent, mailing.failed) == (2, 2, 0)
    assert mailing.finished_at is not None
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert Delivery.objects.first().smtp_response.startswith("250")


def test_each_reader_gets_their_own_links(client, smtp, subscribe, public_demo):
    one, two = subscribe("one@example.org"), subscribe("two@example.org")
    smtp.clear()
    publish(public_demo.revisions.get())

    mails = {mail["To"]: mail for mail in smtp.messages}
    first, second = mails["one@example.org"], mails["two@example.org"]
    assert first["Message-ID"] != second["Message-ID"]
    assert first["List-Unsubscribe"] != second["List-Unsubscribe"]
    assert "subscriber.invalid" not in smtp.raw[0][1].decode() + smtp.raw[1][1].decode()
    manage = next(link for link in links_in(html_of(second)) if "/manage/" in link)
    assert "two@example.org" in client.get(path_of(manage)).text

    client.post(path_of(first["List-Unsubscribe"].strip("<>")))

    one.refresh_from_db(), two.refresh_from_db()
    assert (one.is_receiving, two.is_receiving) == (False, True)
