"""Mail settings from the environment (config/email.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.email import configured_mailer, parse_email_url

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_an_smtp_url_with_starttls_and_a_password():
    mailer = parse_email_url("smtp+tls://bulletin%40example.org:p%3Ass@mail.example.org:2525")

    assert mailer["BACKEND"] == SMTP
    assert mailer["OPTIONS"] | {"timeout": None} == {
        "host": "mail.example.org",
        "port": 2525,
        "username": "bulletin@example.org",
        "password": "p:ss",
        "use_tls": True,
        "use_ssl": False,
        "timeout": None,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://h", 25, False, False),
        ("smtp+tls://h", 587, True, False),
        ("smtp+ssl://h", 465, False, True),
    ],
)
def test_the_default_ports(url, port, tls, ssl):
    options = parse_email_url(url)["OPTIONS"]

    assert (options["port"], options["use_tls"], options["use_ssl"]) == (port, tls, ssl)


def test_console_and_file():
    assert parse_email_url("console://")["BACKEND"].endswith("console.EmailBackend")
    assert parse_email_url("file:///var/mail/out")["OPTIONS"] == {"file_path": "/var/mail/out"}


@pytest.mark.parametrize("url", ["smtps://h", "http://h", "smtp://", "file://", "console+tls://"])
def test_a_wrong_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        parse_email_url(url)


def test_the_separate_variables(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    monkeypatch.setenv("EMAIL_HOST", "mail.example.org")
    monkeypatch.setenv("EMAIL_PORT", "465")
    monkeypatch.setenv("EMAIL_USE_SSL", "true")

    options = configured_mailer()["OPTIONS"]

    assert (options["host"], options["port"], options["use_ssl"]) == ("mail.example.org", 465, True)


def test_nothing_set_is_none(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    monkeypatch.delenv("EMAIL_HOST", raising=False)

    assert configured_mailer() is None
