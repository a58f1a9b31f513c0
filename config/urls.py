from urllib.parse import urlsplit

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from bulletin.sitemaps import IssueSitemap, NewsItemSitemap, PageSitemap
from common import media
from common.health import favicon, healthz
from meetings.sitemaps import MeetingSitemap
from standards.sitemaps import CommentRequestSitemap, CommitteeSitemap, StandardSitemap

admin.site.site_header = _("汽车标准月报编辑系统")
admin.site.site_title = _("汽车标准月报")
admin.site.index_title = _("秘书处工作台")

SITEMAPS = {
    "pages": PageSitemap,
    "issues": IssueSitemap,
    "standards": StandardSitemap,
    "comment-requests": CommentRequestSitemap,
    "meetings": MeetingSitemap,
    "news": NewsItemSitemap,
    "committees": CommitteeSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for it on pages that name no icon, the frozen issue pages among them.
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Crawlers look for these at the root, whatever the language. The sitemap is an index naming
    # each section's sitemap and every page of it (?p=2, …), a page holding at most `limit` URLs.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    # Uploads go through a view that checks who may see the record holding the file.
    path(f"{urlsplit(settings.MEDIA_URL).path.strip('/')}/<path:path>", media.serve, name="media"),
]

# The public site: Chinese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("standards.urls")),
    path("", include("meetings.urls")),
    path("", include("bulletin.urls")),
    prefix_default_language=False,
)
