"""Login guessing: django-axes locks a user out from one address after AXES_FAILURE_LIMIT wrong
passwords and answers with accounts.lockout's page; the client is counted through trusted
proxies only (common.security.client_ip)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


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
