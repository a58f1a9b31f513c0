"""The site's defences: its Content Security Policy, the client's address (for the login lockout,
tests/accounts/test_lockout.py, and the rate limits), health and deploy checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.test import RequestFactory

from common.security import client_ip

pytestmark = pytest.mark.django_db


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
    response = client.get("/issues/2022/07/")
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


# Client address ------------------------------------------------------------------------------


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
        EMAIL_URL="smtp+tls://bulletin:secret@mail.example.org",
        DEFAULT_FROM_EMAIL="汽车标准月报 <bulletin@example.org>",
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
