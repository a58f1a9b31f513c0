import os
import subprocess
import sys

import pytest
from django.conf import settings

CHECK_PROD = "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG)"


# What production needs besides the variables a test is about.
MAIL = {"EMAIL_URL": "smtp://mail.example.org", "DEFAULT_FROM_EMAIL": "月报 <bulletin@example.org>"}


def run_with_prod_settings(check=CHECK_PROD, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    environ.update(DJANGO_SETTINGS_MODULE="config.settings.prod", **{**MAIL, **env})
    return subprocess.run(
        [sys.executable, "-c", check],
        env=environ,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_prod_settings(DJANGO_ALLOWED_HOSTS="bulletin.example.org")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_prod_settings(DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_both_and_without_debug():
    result = run_with_prod_settings(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="bulletin.example.org"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_refuses_a_proxy_count_without_the_proxies_addresses():
    result = run_with_prod_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="bulletin.example.org",
        TRUSTED_PROXY_COUNT="1",
        TRUSTED_PROXIES="",
    )

    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


PRINT_SITE_URL = (
    "import django; django.setup(); from django.conf import settings as s; print(s.SITE_URL)"
)
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "bulletin.example.org,127.0.0.1",
}


def test_production_takes_the_site_url_from_the_environment():
    result = run_with_prod_settings(
        PRINT_SITE_URL, **PRODUCTION, SITE_URL="https://www.example.org/"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://www.example.org"


def test_production_without_a_site_url_serves_https_on_its_first_host():
    result = run_with_prod_settings(PRINT_SITE_URL, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://bulletin.example.org"


@pytest.mark.parametrize(
    ("hosts", "site_url"), [("*", ""), ("bulletin.example.org", "bulletin.example.org")]
)
def test_production_refuses_a_site_url_it_cannot_link_on(hosts, site_url):
    result = run_with_prod_settings(
        PRINT_SITE_URL, DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS=hosts, SITE_URL=site_url
    )

    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def run_with_dev_settings(code, database_url):
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=environ,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_an_empty_database_url_means_the_embedded_sqlite_file():
    result = run_with_dev_settings(
        "from django.db import connection;"
        " print(connection.settings_dict['ENGINE'], connection.settings_dict['NAME'])",
        database_url="",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        str(settings.BASE_DIR / "db.sqlite3"),
    ]


def test_the_embedded_sqlite_file_is_written_ahead(tmp_path):
    result = run_with_dev_settings(
        "from django.db import connection; cursor = connection.cursor();"
        " print(*(cursor.execute(f'PRAGMA {name}').fetchone()[0]"
        " for name in ('journal_mode', 'synchronous')))",
        database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1"]  # synchronous=NORMAL


def test_production_refuses_to_start_without_mail_settings():
    result = run_with_prod_settings(**PRODUCTION, EMAIL_URL="")

    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_production_refuses_to_start_without_a_sender():
    result = run_with_prod_settings(**PRODUCTION, DEFAULT_FROM_EMAIL="")

    assert result.returncode != 0
    assert "DEFAULT_FROM_EMAIL" in result.stderr
