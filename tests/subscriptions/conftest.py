"""A real SMTP server (aiosmtpd) on a free local port, collecting what the site sends."""

import email
import email.policy
import re
import socket
from html.parser import HTMLParser

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.test import Client

from subscriptions.models import Subscriber


class Collector:
    """aiosmtpd's handler: keeps every accepted message; refuses the rest once `fail_after`
    messages were accepted, as a server going down would (421)."""

    def __init__(self):
        self.raw = []
        self.fail_after = None

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.raw) >= self.fail_after:
            return "421 4.3.2 Service shutting down"
        self.raw.append((envelope.rcpt_tos, envelope.original_content))
        return "250 2.0.0 Ok: queued"

    @property
    def messages(self):
        return [email.message_from_bytes(raw, policy=email.policy.default) for _, raw in self.raw]

    def to(self, address):
        return [message for message in self.messages if message["To"] == address]

    def clear(self):
        self.raw.clear()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "汽车标准月报 <bulletin@example.org>"
    settings.SITE_URL = "http://testserver"
    yield handler
    controller.stop()


@pytest.fixture(autouse=True)
def no_counts_from_before():
    cache.clear()  # the rate limits' counters of earlier tests


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def links_in(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def path_of(url):
    return url.removeprefix("http://testserver")


class PostForm(HTMLParser):
    """A page's POST form: its action, its named inputs' values and its button's text."""

    def __init__(self, page):
        super().__init__()
        self.action, self.fields, self.button = None, {}, ""
        self._in = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.action, self._in = attrs.get("action", ""), "form"
        elif self._in and tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif self._in and tag == "button":
            self._in = "button"

    def handle_endtag(self, tag):
        if tag in ("form", "button") and self._in:
            self._in = "form" if tag == "button" else None

    def handle_data(self, data):
        if self._in == "button":
            self.button += data.strip()


def confirmation_link(smtp, address):
    confirmation = smtp.to(address)[-1]
    return path_of(next(link for link in links_in(text_of(confirmation)) if "/confirm/" in link))


def press_confirm(path):
    """Open the confirmation page and press its button, as a browser would (CSRF checked)."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path)
    assert page.status_code == 200
    form = PostForm(page.text)
    assert form.button  # the one button, in the reader's language
    return browser.post(form.action or path, form.fields)


@pytest.fixture
def subscribe(client, smtp):
    """Subscribe through the form and confirm on the page the mail links: the Subscriber."""

    def run(address, language="zh-hans", **choices):
        data = {"email": address, "language": language, "wants_issues": "on", "reminder_days": 0}
        data.update(choices)
        response = client.post("/subscriptions/", data)
        assert response.status_code == 302
        assert press_confirm(confirmation_link(smtp, address)).status_code == 302
        return Subscriber.objects.get(email=address)

    return run
