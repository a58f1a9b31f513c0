"""The site's defences: its Content Security Policy, login lockout, health and deploy checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.test import RequestFactory

from common.security import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


# Content Security Policy -------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/standards/", "/en/meetings/", "/statistics/"])
def test_public_pages_run_only_the_sites_own_scripts(public_demo, client, url):
    directives = policy(client.get(url))

    assert directives["script-src"] == ["'self'"]  # no inline script, no eval, no other host
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


def test_admin_pages_carry_the_policy_too(editor_client):
    directives = policy(editor_client.get("/admin/standards/standard/"))

    # The admin's own inline scripts carry this response's nonce; nothing else inline runs.
    assert directives["script-src"][0] == "'self'"
    assert [s for s in directives["script-src"][1:] if not s.startswith("'nonce-")] == []
    assert directives["form-action"] == ["'self'"]


def test_the_frozen_issue_page_may_style_itself_but_run_nothing(public_demo, client):
    response = client.get("/issues/2022/7/")
    b"".join(response.streaming_content)
    directives = policy(response)

    assert directives["default-src"] == ["'none'"]
    assert directives["style-src"] == ["'unsafe-inline'"]
    assert "script-src" not in directives  # so default-src 'none' forbids every script


def test_no_template_holds_an_inline_event_handler_or_script():
    """Inline code would be refused by the policy; it belongs in static/js/."""
    offenders = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text()
        for needle in ("onclick=", "onload=", "onchange=", "onsubmit=", "javascript:", "<script>"):
            if needle in text:
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}: {needle}")
    assert offenders == []


# Login guessing ------------------------------------------------------------------------------


@pytest.fixture
def editor_password(demo):
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("correct horse battery")
    editor.save()
    return "correct horse battery"


def log_in(client, password, address="203.0.113.7", username="editor", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(client, editor_password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200  # the form again, with its error
    assert log_in(client, "wrong").status_code == 429  # the fifth

    locked = log_in(client, editor_password)

    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.text
    assert "60 分钟后再试" in locked.text
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_that_user_from_that_address_only(client, editor_password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")

    from_elsewhere = log_in(client, editor_password, address="198.51.100.9")

    assert from_elsewhere.status_code == 302  # the editor's office is not locked out by a stranger


def test_a_successful_login_clears_earlier_failures(client, editor_password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, editor_password).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")

    assert log_in(client, editor_password).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.2"),  # no proxy: a client-written header is ignored
        (1, "1.1.1.1, 203.0.113.7", "203.0.113.7"),  # the proxy appended the real client
        (1, "", "10.0.0.2"),
        (2, "1.1.1.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
    ],
)
def test_the_client_address_is_read_through_trusted_proxies_only(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_a_forwarded_address_from_a_client_that_is_not_a_proxy_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="1.1.1.1")

    assert client_ip(request) == "198.51.100.4"


def test_guesses_with_a_new_forwarded_address_each_still_get_locked_out(
    client, editor_password, settings
):
    """The attack: gunicorn reached directly, each guess claiming another client address."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", address="198.51.100.4", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    guess = log_in(
        client, editor_password, address="198.51.100.4", HTTP_X_FORWARDED_FOR="192.0.2.99"
    )

    assert guess.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_a_trusted_proxy_the_forwarded_client_is_the_one_locked_out(
    client, editor_password, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1")

    locked = log_in(client, editor_password, address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1")
    office = log_in(client, editor_password, address="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.2")

    assert locked.status_code == 429
    assert office.status_code == 302  # another client behind the same proxy


# Health check ------------------------------------------------------------------------------


def test_the_health_check_answers_from_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_the_health_check_fails_when_the_database_does(client, monkeypatch):
    from common import health

    def broken():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "DatabaseError"}


@pytest.mark.parametrize("url", ["/", "/standards/", "/healthz", "/statistics/"])
def test_monitors_may_ask_with_head(public_demo, client, url):
    assert client.head(url).status_code == 200


# Production settings -----------------------------------------------------------------------


def test_check_deploy_finds_nothing_to_warn_about_in_production_settings():
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY="k3y-" + "x7Q!" * 15,
        DJANGO_ALLOWED_HOSTS="bulletin.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
