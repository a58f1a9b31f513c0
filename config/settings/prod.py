"""Production: every secret and host comes from the environment, nothing defaults open.

Behind a proxy that terminates HTTPS and sets X-Forwarded-Proto (docs/deploy.md). Run the checks
with `make prod-check`: `manage.py check --deploy` must print no warning.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.email import configured_mailer

from .base import *  # noqa: F403
from .base import REDIS_URL, env_list


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} for production.")
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or required("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


def site_url():
    """SITE_URL, or HTTPS on the first allowed host (production serves nothing else), never the
    development address: the published PDFs keep the links made with it."""
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"].rstrip("/")
    host = ALLOWED_HOSTS[0].lstrip(".")
    if "*" in host or not host:
        return required("SITE_URL")
    return f"https://{host}"


SITE_URL = site_url()
if urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's address, e.g. https://{ALLOWED_HOSTS[0]}"
    )

# HTTPS only: the proxy says which scheme the client used; plain HTTP is redirected, except the
# health check, which load balancers poll over HTTP on the private side.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# X-Forwarded-For is read only from the proxies named here (addresses or networks: nginx on the
# same machine is 127.0.0.1); a count without them would trust no one and see every client as
# the proxy, so one stranger's wrong passwords would lock the editor out for everyone.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
if TRUSTED_PROXY_COUNT and not TRUSTED_PROXIES:  # noqa: F405
    raise ImproperlyConfigured(
        "Set TRUSTED_PROXIES (the proxies' addresses) with TRUSTED_PROXY_COUNT."
    )

# Mail goes to a real server, from an address the operator names: the subscription mails (with
# a display name, e.g. "汽车标准月报 <bulletin@example.org>") and the error reports.
MAILERS = {"default": configured_mailer() or required("EMAIL_URL")}
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Backups are signed with BACKUP_SIGNING_KEY, never with a key derived from SECRET_KEY: the
# archives outlive a rotated secret key, and a leaked one must not let anyone forge a backup.
BACKUP_SIGNING_KEY_FROM_SECRET_KEY = False

# Connections are kept between requests (gunicorn's threads each hold one) and checked first.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", 60))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Without Redis each process keeps its own cache, and an edit made through one process would not
# reach the pages cached by the others: the page cache and the lists' kept counts are then off
# (common/caching.py, common/paginators.py).
if not REDIS_URL:
    PUBLIC_PAGE_CACHE_SECONDS = 0
    PUBLIC_COUNT_CACHE = False

# Rendering at publishing and big imports are queued in the database and run by
# `manage.py db_worker` (django-tasks-db).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Static files are collected once (`collectstatic`) and served by whitenoise, compressed and
# with hashed names so that they can be cached for ever.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Refused hosts are scanners, not errors worth a line each.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        # WeasyPrint narrates every step of a render at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
