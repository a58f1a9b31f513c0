"""Test settings: dev settings with fast password hashing and no stray files."""

from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests change records inside transactions that never commit, so the page cache would never see
# a new generation; it is off here and turned on by the tests of the cache itself.
PUBLIC_PAGE_CACHE_SECONDS = 0
