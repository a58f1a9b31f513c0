"""Settings of a real `db_worker` mailing through the test's SMTP server
(test_worker_killed.py)."""

import os

from tests.bulletin.worker_settings import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": int(os.environ["TEST_SMTP_PORT"]), "timeout": 10},
    }
}
# Seconds, not minutes, before a killed worker's rows are free for the next run.
MAILING_CLAIM_SECONDS = int(os.environ["TEST_CLAIM_SECONDS"])
