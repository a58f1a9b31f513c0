"""The subscribe form: double opt-in, no way to learn who subscribes, throttled, no account."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from subscriptions import links
from subscriptions.models import Subscriber

from .conftest import PostForm, confirmation_link, path_of, press_confirm, text_of

pytestmark = pytest.mark.django_db

FORM = "/subscriptions/"


def ask(client, address, ip="203.0.113.7", **extra):
    data = {"email": address, "language": "zh-hans", "wants_issues": "on", "reminder_days": 0}
    return client.post(FORM, {**data, **extra}, REMOTE_ADDR=ip)


def test_the_form_page_shows(client):
    response = client.get(FORM, {"email": "me@example.org"})

    assert response.status_code == 200
    assert 'value="me@example.org"' in response.text


def test_subscribing_sends_a_confirmation_and_nothing_is_received_before(client, smtp):
    ask(client, "new@example.org")

    [mail] = smtp.to("new@example.org")
    assert "/subscriptions/confirm/" in text_of(mail)
    assert not Subscriber.objects.get(email="new@example.org").is_receiving


def test_the_button_on_the_confirmation_page_confirms(client, smtp):
    ask(client, "new@example.org")

    response = press_confirm(confirmation_link(smtp, "new@example.org"))

    assert response.status_code == 302
    assert "/subscriptions/manage/" in response["Location"]
    assert Subscriber.objects.get(email="new@example.org").is_receiving
    assert "订阅已确认" in client.get(response["Location"]).text


def test_opening_the_confirmation_link_confirms_nothing(client, smtp):
    ask(client, "new@example.org")

    page = client.get(confirmation_link(smtp, "new@example.org"))  # as a mail scanner would

    assert page.status_code == 200
    assert "new@example.org" in page.text
    assert PostForm(page.text).button == "确认订阅"
    assert not Subscriber.objects.get(email="new@example.org").is_receiving


def test_the_confirmation_is_refused_without_the_page_csrf_token(smtp, client):
    ask(client, "new@example.org")

    response = Client(enforce_csrf_checks=True).post(confirmation_link(smtp, "new@example.org"))

    assert response.status_code == 403
    assert not Subscriber.objects.get(email="new@example.org").is_receiving


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_confirmation_link_expires_after_seven_days(client, smtp, monkeypatch, method):
    ask(client, "new@example.org")
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())

    response = getattr(client, method)(confirmation_link(smtp, "new@example.org"))

    assert response.status_code == 404
    assert "链接无效或已过期" in response.text
    assert not Subscriber.objects.get(email="new@example.org").is_receiving


def test_a_changed_link_is_refused(client, smtp):
    subscriber = Subscriber.objects.create(email="x@example.org")
    manage = path_of(links.manage_url(subscriber))

    assert client.get(manage[:-3] + "xx/").status_code == 404


@pytest.mark.parametrize("state", ["new", "unconfirmed", "confirmed", "unsubscribed"])
def test_the_answer_is_the_same_whatever_the_address_state(client, smtp, state):
    baseline = ask(client, "fresh@example.org")
    if state != "new":
        Subscriber.objects.create(
            email="known@example.org",
            confirmed_at=None if state == "unconfirmed" else timezone.now(),
            unsubscribed_at=timezone.now() if state == "unsubscribed" else None,
        )

    response = ask(client, "known@example.org")

    assert response.status_code == baseline.status_code == 302
    assert response["Location"] == baseline["Location"]
    page, baseline_page = client.get(response["Location"]), client.get(baseline["Location"])
    assert page.content == baseline_page.content
    assert len(smtp.to("known@example.org")) == 1


def test_a_confirmed_address_gets_its_manage_link_and_keeps_its_choices(client, smtp):
    Subscriber.objects.create(
        email="known@example.org", confirmed_at=timezone.now(), wants_issues=True
    )

    ask(client, "known@example.org", wants_issues="", reminder_days=7)

    [mail] = smtp.to("known@example.org")
    assert "/subscriptions/manage/" in text_of(mail)
    assert "/confirm/" not in text_of(mail)
    known = Subscriber.objects.get(email="known@example.org")
    assert (known.wants_issues, known.reminder_days) == (True, 0)


def test_an_address_asked_for_too_often_is_refused_keeping_the_form(client, smtp, settings):
    settings.SUBSCRIBE_RATE_PER_ADDRESS = "2/h"
    for number in range(2):
        assert ask(client, "target@example.org", ip=f"198.51.100.{number}").status_code == 302

    refused = ask(client, "target@example.org", ip="198.51.100.9", reminder_days=7)

    assert refused.status_code == 429
    assert 'value="target@example.org"' in refused.text
    assert '<option value="7" selected>' in refused.text
    assert len(smtp.to("target@example.org")) == 2


def test_a_client_asking_too_often_is_refused(client, smtp, settings):
    settings.SUBSCRIBE_RATE_PER_CLIENT = "3/h"
    for number in range(3):
        assert ask(client, f"a{number}@example.org").status_code == 302

    assert ask(client, "another@example.org").status_code == 429
    assert ask(client, "another@example.org", ip="192.0.2.1").status_code == 302


def test_nothing_chosen_is_refused(client, smtp):
    response = ask(client, "new@example.org", wants_issues="")

    assert response.status_code == 200
    assert "请至少选择一项" in response.text
    assert smtp.raw == []
