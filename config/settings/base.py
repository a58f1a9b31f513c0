"""Settings shared by every environment; each value can come from the environment."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP
from js_asset import static_lazy

from common import export_formats
from config.email import mailers

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
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks_db",
    "axes",
    "common",
    "imports",
    "standards",
    "meetings",
    "bulletin",
    "website",
    "subscriptions",
    "search",
    "api",
    # After the domain apps: it keeps the roles in step with their permissions after migrate.
    "accounts",
    "backups",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # /issues/2022/7/ is redirected to /issues/2022/07/, each page having one address.
    "common.middleware.CanonicalPathMiddleware",
    # ETags on every page, so caches and browsers revalidate public pages cheaply.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Each query of a public request has PUBLIC_QUERY_TIMEOUT_MS; staff's are not limited.
    "common.timeouts.PublicQueryTimeoutMiddleware",
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
                "website.context_processors.public_site",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: readers (gunicorn) go on while the worker writes, and a commit is one
    # append instead of a journal rewritten and synced twice (a mailing commits per message).
    # Pages read through a memory map, not a read() call each: a connection lasts one request,
    # its page cache starts empty, and a download of 40,000 standards read its rows in a sixth
    # less time (128 ms, 106 with the map).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;"
        ),
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
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "common.security.client_ip"
# How many proxies in front of the site append to X-Forwarded-For (0: none, use REMOTE_ADDR),
# and the addresses or networks they connect from: X-Forwarded-For is believed only from these,
# so a client reaching gunicorn directly cannot choose its address (common/security.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

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
# The site's public address, scheme and host (and port): the issue PDFs, read away from the site,
# link its attachments and pages absolutely on it; feed entries' ids and calendar events' UIDs
# are on its host, whatever Host a request names. Production takes it from the environment.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files are served by common.media.serve, which checks the visibility of the record
# they belong to; behind nginx, name its internal location here and nginx sends the file.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
# Photos larger than this are refused from their header; uploads are downscaled to the side.
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 2400
# An attachment, photo or logo at most; nginx's client_max_body_size (docs/deploy.md) stops a
# body much larger than this before it reaches Django.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", 10 * 2**20))
# A file chosen in a form refused for another field waits here for the form's next submission
# (common.kept_files): a day at most.
KEPT_UPLOADS_DIR = Path(
    os.environ.get("KEPT_UPLOADS_DIR", Path(tempfile.gettempdir()) / "bulletin-kept-uploads")
)
KEPT_UPLOADS_MAX_AGE_SECONDS = int(os.environ.get("KEPT_UPLOADS_MAX_AGE_SECONDS", 24 * 3600))
# `manage.py backup` writes its archives here unless told another path.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backup-archives"))
# Archives are signed (HMAC-SHA256) with this key and a restore refuses one that does not verify
# (backups/signing.py). Without it, a key derived from SECRET_KEY signs, except in
# production, where `backup` then refuses to write an unsigned archive.
BACKUP_SIGNING_KEY = os.environ.get("BACKUP_SIGNING_KEY", "")
BACKUP_SIGNING_KEY_FROM_SECRET_KEY = True
# Small copies of the Noto CJK SC faces that the PDFs embed (bulletin/rendering/fonts.py), built
# by `manage.py build_pdf_fonts` (run by `make install`); PDFs use the system's faces without them.
PDF_FONT_DIR = Path(os.environ.get("PDF_FONT_DIR", BASE_DIR / ".pdf-fonts"))

# The admin's rich-text editor loads the toolbar that translates its tooltips and the name of its
# editing box (common/richtext.py).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [
            static_lazy("common/prose-editor-menu.js"),
            static_lazy("common/prose-editor-label.js"),
        ],
        "extensions": {
            "TranslatedMenu": "common.richtext.adds_no_markup",
            "FieldLabel": "common.richtext.adds_no_markup",
        },
    }
]

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
# The public lists' counts and their filters' choices are kept for the content generation
# (common.paginators, common.filters.kept_choices), page cache or not.
PUBLIC_COUNT_CACHE = os.environ.get("PUBLIC_COUNT_CACHE", "1") == "1"
# The calendars' files likewise (common.calendars), a day at most.
PUBLIC_CALENDAR_CACHE = os.environ.get("PUBLIC_CALENDAR_CACHE", "1") == "1"
PUBLIC_PAGE_CACHE_SKIP = ("/admin/", "/healthz", "/media/", "/static/", "/i18n/")

# Bounds on what anyone may ask of the public site (common/filters.py, timeouts.py and
# throttling.py): the search box's words and characters; the time each query of a public request
# may take (PostgreSQL's statement_timeout, a progress handler on SQLite; 0: no limit), answered
# with a 503; how many searches and downloads a client may make (django-ratelimit's rates,
# "N/s", "N/m", "N/h"; empty: none), counted in the default cache (Redis in production, or each
# process counts alone), answered with a 429.
SEARCH_MAX_WORDS = int(os.environ.get("SEARCH_MAX_WORDS", 8))
SEARCH_MAX_LENGTH = int(os.environ.get("SEARCH_MAX_LENGTH", 100))
# The site search's words after segmentation (search/segmentation.py): the rest are left out.
SEARCH_MAX_TOKENS = int(os.environ.get("SEARCH_MAX_TOKENS", 16))
PUBLIC_QUERY_TIMEOUT_MS = int(os.environ.get("PUBLIC_QUERY_TIMEOUT_MS", 5000))
PUBLIC_SEARCH_RATE = os.environ.get("PUBLIC_SEARCH_RATE", "30/m")
PUBLIC_DOWNLOAD_RATE = os.environ.get("PUBLIC_DOWNLOAD_RATE", "10/m")
# The open-data API's requests per client (DRF's rates, "N/s", "N/m", "N/h"; empty: none).
API_RATE = os.environ.get("API_RATE", "120/m")
# A limited client is asked to come back after the rest of the rate's window; a timed-out one
# after this many seconds.
PUBLIC_BUSY_RETRY_AFTER = int(os.environ.get("PUBLIC_BUSY_RETRY_AFTER", 30))

# Imports run in one transaction so that a file with a bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# A spreadsheet larger than this is refused before it is read (10,000 rows are about 2 MB).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 10 * 2**20))
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 2**20
# What a file may hold once read, so that a small file cannot cost minutes or gigabytes: rows with
# data, cells (blank ones too), bytes unpacked from an XLSX, and how far one member may inflate.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 100_000))
IMPORT_MAX_CELLS = int(os.environ.get("IMPORT_MAX_CELLS", 2_000_000))
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", 64 * 2**20))
IMPORT_MAX_COMPRESSION_RATIO = int(os.environ.get("IMPORT_MAX_COMPRESSION_RATIO", 100))
# Files previewed in the admin wait here for their confirmation; one left longer is removed.
IMPORT_PREVIEW_DIR = Path(
    os.environ.get("IMPORT_PREVIEW_DIR", Path(tempfile.gettempdir()) / "bulletin-import-previews")
)
IMPORT_PREVIEW_MAX_AGE_SECONDS = int(os.environ.get("IMPORT_PREVIEW_MAX_AGE_SECONDS", 24 * 3600))
# A file with more rows than this is imported as a background task, with its progress shown in
# the admin, instead of being previewed in the page.
IMPORT_BACKGROUND_ROWS = int(os.environ.get("IMPORT_BACKGROUND_ROWS", 2000))
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The admin exports CSV and XLSX only, each cell escaped as the public downloads escape it.
EXPORT_FORMATS = [export_formats.CSV, export_formats.XLSX]
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# An issue's PDF is laid out in a child process stopped at these limits (bulletin.rendering.worker);
# the memory is what the render may take beyond what its worker already holds.
RENDER_TIME_LIMIT_SECONDS = int(os.environ.get("RENDER_TIME_LIMIT_SECONDS", 300))
RENDER_MEMORY_LIMIT_MB = int(os.environ.get("RENDER_MEMORY_LIMIT_MB", 1024))
# The standard an issue's PDF conforms to (bulletin.rendering.pdf.PDF_VARIANTS): "pdf/ua-1",
# tagged for screen readers, or "pdf/a-3b", tagged too and made for archiving.
BULLETIN_PDF_VARIANT = os.environ.get("BULLETIN_PDF_VARIANT", "pdf/ua-1")
# An issue with more entries than this is refused at approval, preview and publishing; one with
# more than RENDER_PREVIEW_BACKGROUND_ENTRIES gets its PDF preview as a background job.
RENDER_MAX_ENTRIES = int(os.environ.get("RENDER_MAX_ENTRIES", 3000))
RENDER_PREVIEW_BACKGROUND_ENTRIES = int(os.environ.get("RENDER_PREVIEW_BACKGROUND_ENTRIES", 300))
# Four eyes: whoever submitted an issue for review cannot approve it.
BULLETIN_FOUR_EYES = os.environ.get("BULLETIN_FOUR_EYES", "1").lower() not in ("0", "false", "no")
# A running job beats every few seconds; one silent this long was killed (common.models).
JOB_HEARTBEAT_TIMEOUT_SECONDS = int(os.environ.get("JOB_HEARTBEAT_TIMEOUT_SECONDS", 120))

# Long work (rendering an issue at publishing) runs as a task: at once in development and tests,
# in the django-tasks-db worker in production.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# The history is an audit log: reverting from it would bypass the review workflow.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The open-data API (api/): anonymous and read-only, JSON only, no sessions or CSRF to ask for.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Automotive standards bulletin: open data API",
    "DESCRIPTION": (
        "The public records of the bulletin: standards, comment requests, meetings, news, "
        "published issues and committees, filtered as the public lists filter them."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from the sidecar package, served as static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Mail (subscriptions): EMAIL_URL or EMAIL_HOST and its companions (config/email.py); printed on
# the console when neither is set. The sender's display name is Chinese; Django encodes it in
# the From header as RFC 2047 asks.
MAILERS = mailers()
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "汽车标准月报 <bulletin@localhost>")
# How long a mailing's sender holds the deliveries it claimed (subscriptions/sending.py): the
# rows of a worker killed midway wait this long for the next run (cron: send_subscriptions).
MAILING_CLAIM_SECONDS = int(os.environ.get("MAILING_CLAIM_SECONDS", 600))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The subscribe form: how often one address may be asked for, and one client may ask (django-
# ratelimit rates, counted like the searches; empty: no limit).
SUBSCRIBE_RATE_PER_ADDRESS = os.environ.get("SUBSCRIBE_RATE_PER_ADDRESS", "3/h")
SUBSCRIBE_RATE_PER_CLIENT = os.environ.get("SUBSCRIBE_RATE_PER_CLIENT", "10/h")
