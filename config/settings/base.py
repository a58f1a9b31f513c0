"""Settings shared by every environment; each value can come from the environment."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "import_export",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "axes",
    "common",
    "standards",
    "meetings",
    "bulletin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETags on every page, so caches and browsers revalidate public pages cheaply.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "common.caching.PublicPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "bulletin.context_processors.public_site",
            ],
        },
    },
]

# Unset (or empty) DATABASE_URL means the embedded SQLite file; production sets a postgres:// URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a login locked out by repeated failures before any check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user from one address lock that pair out for an hour; locking
# by user alone would let anyone lock an editor out, by address alone a whole office's NAT.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "common.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "common.security.client_ip"
# How many proxies in front of the site append to X-Forwarded-For (0: none, use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Each language is named in its own script, so a reader finds theirs whatever is active.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files are served by common.media.serve, which checks the visibility of the record
# they belong to; behind nginx, name its internal location here and nginx sends the file.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
# Photos larger than this are refused from their header; uploads are downscaled to the side.
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 2400
# `manage.py backup` writes its archives here unless told another path.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
# Small copies of the Noto CJK SC faces that the PDFs embed (bulletin/pdf_fonts.py), built by
# `manage.py build_pdf_fonts` (run by `make install`); PDFs use the system's faces without them.
PDF_FONT_DIR = Path(os.environ.get("PDF_FONT_DIR", BASE_DIR / ".pdf-fonts"))

# Content Security Policy: nothing runs or loads from elsewhere; inline <style> and <script> need
# the request's nonce ({{ csp_nonce }}), so injected markup could not run even if it got through.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The admin's rich-text editor (tiptap in django-prose-editor) inserts its base stylesheet as
    # a <style> element; this is its hash. tests/browser/test_security.py fails if it changes.
    "style-src": [CSP.SELF, CSP.NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# Photos linked from a separate media origin (docs/deploy.md) are images the pages may show.
if urlsplit(MEDIA_URL).netloc:
    SECURE_CSP["img-src"].append(f"{urlsplit(MEDIA_URL).scheme}://{urlsplit(MEDIA_URL).netloc}")

# One cache: the process's memory by default, Redis when REDIS_URL names one (production with
# several processes or machines needs a shared one: see common/caching.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "bulletin"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages for anonymous visitors stay cached this long unless an edit or publish comes
# first (0 turns the page cache off).
PUBLIC_PAGE_CACHE = "default"
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", 3600))
PUBLIC_PAGE_CACHE_SKIP = ("/admin/", "/healthz", "/media/", "/static/", "/i18n/")

# Imports run in one transaction so that a file with a bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# A spreadsheet larger than this is refused before it is read (10,000 rows are about 2 MB).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 10 * 2**20))
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 2**20
# A file with more rows than this is imported as a background task, with its progress shown in
# the admin, instead of being previewed in the page.
IMPORT_BACKGROUND_ROWS = int(os.environ.get("IMPORT_BACKGROUND_ROWS", 2000))
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# A render job still "running" after this long had its worker stopped; publishing may start again.
RENDER_JOB_TIMEOUT_MINUTES = int(os.environ.get("RENDER_JOB_TIMEOUT_MINUTES", 30))
# A running job beats every few seconds; one silent this long was killed (common.models).
JOB_HEARTBEAT_TIMEOUT_SECONDS = int(os.environ.get("JOB_HEARTBEAT_TIMEOUT_SECONDS", 120))

# Long work (rendering an issue at publishing) runs as a task: at once in development and tests,
# in the django-tasks-db worker in production.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# The history is an audit log: reverting from it would bypass the review workflow.
SIMPLE_HISTORY_REVERT_DISABLED = True
