"""The mailer (Django's MAILERS) from the environment: EMAIL_URL, or the EMAIL_* variables.

EMAIL_URL is smtp://user:password@host:port (smtp+tls:// for STARTTLS, smtp+ssl:// for TLS from
the start), console:// (mails printed), file:///path/to/folder (one file per mail) or locmem://.
Without either, `default` says where mail goes (development prints it on the console).
"""

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def _flag(name):
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


def _smtp(host, port, username="", password="", use_tls=False, use_ssl=False):
    if use_tls and use_ssl:
        raise ImproperlyConfigured("Mail: choose STARTTLS (tls) or TLS (ssl), not both.")
    return {
        "BACKEND": BACKENDS["smtp"],
        "OPTIONS": {
            "host": host,
            "port": int(port),
            "username": username,
            "password": password,
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", 30)),
        },
    }


def parse_email_url(url):
    """The mailer an EMAIL_URL names, as a MAILERS entry."""
    parts = urlsplit(url)
    scheme, _, security = parts.scheme.partition("+")
    if (
        scheme not in BACKENDS
        or security not in ("", "tls", "ssl")
        or (security and scheme != "smtp")
    ):
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {parts.scheme!r}")
    if scheme == "file":
        if not parts.path:
            raise ImproperlyConfigured("EMAIL_URL: file:///path names the folder for the mails")
        return {"BACKEND": BACKENDS["file"], "OPTIONS": {"file_path": unquote(parts.path)}}
    if scheme != "smtp":
        return {"BACKEND": BACKENDS[scheme]}
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL: smtp:// needs a host")
    return _smtp(
        parts.hostname,
        parts.port or {"ssl": 465, "tls": 587}.get(security, 25),
        unquote(parts.username or ""),
        unquote(parts.password or ""),
        use_tls=security == "tls",
        use_ssl=security == "ssl",
    )


def configured_mailer():
    """The mailer of EMAIL_URL or EMAIL_HOST and its companions; None if neither is set."""
    if os.environ.get("EMAIL_URL"):
        return parse_email_url(os.environ["EMAIL_URL"])
    if os.environ.get("EMAIL_HOST"):
        return _smtp(
            os.environ["EMAIL_HOST"],
            os.environ.get("EMAIL_PORT", 25),
            os.environ.get("EMAIL_HOST_USER", ""),
            os.environ.get("EMAIL_HOST_PASSWORD", ""),
            use_tls=_flag("EMAIL_USE_TLS"),
            use_ssl=_flag("EMAIL_USE_SSL"),
        )
    return None


def mailers(default="console"):
    return {"default": configured_mailer() or {"BACKEND": BACKENDS[default]}}


def where_mail_goes(mailer):
    """One line for `make run`: where the mails of this mailer end up."""
    options = mailer.get("OPTIONS", {})
    if mailer["BACKEND"] == BACKENDS["smtp"]:
        return f"SMTP server {options['host']}:{options['port']}"
    if mailer["BACKEND"] == BACKENDS["file"]:
        return f"files in {options['file_path']}"
    if mailer["BACKEND"] == BACKENDS["console"]:
        return "printed in this terminal (console)"
    return mailer["BACKEND"]
