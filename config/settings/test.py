"""Test settings: dev settings with fast password hashing and no stray files."""

from .base import BASE_DIR
from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests change records inside transactions that never commit, so the page cache would never see
# a new generation; it is off here and turned on by the tests of the cache itself.
PUBLIC_PAGE_CACHE_SECONDS = 0
# The lists' counts and filter choices as well (common.paginators, common.filters); their own
# tests turn it on.
PUBLIC_COUNT_CACHE = False
# And the calendars' files (common.calendars); theirs too.
PUBLIC_CALENDAR_CACHE = False

# A test suite is one client asking hundreds of times; the rate limits' own tests set theirs.
PUBLIC_SEARCH_RATE = PUBLIC_DOWNLOAD_RATE = API_RATE = ""

# The tests never use the PDF fonts a developer built: a test that wants them builds its own.
PDF_FONT_DIR = BASE_DIR / "tests" / "no-such-folder" / "pdf-fonts"
