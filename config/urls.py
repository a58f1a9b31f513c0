from urllib.parse import urlsplit

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from api.views import IndexView as ApiIndexView
from common import media
from common.health import favicon, healthz
from website.urls import crawler_urlpatterns

admin.site.site_header = _("汽车标准月报编辑系统")
admin.site.site_title = _("汽车标准月报")
admin.site.index_title = _("秘书处工作台")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for it on pages that name no icon, the frozen issue pages among them.
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The open-data API is one language (its data carries both); its docs follow the language
    # cookie, and its home page (below) is a page of the site in each language.
    path("api/", include("api.urls")),
    *crawler_urlpatterns,
    # Uploads go through a view that checks who may see the record holding the file.
    path(f"{urlsplit(settings.MEDIA_URL).path.strip('/')}/<path:path>", media.serve, name="media"),
]

# The public site: Chinese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("website.urls")),
    path("", include("standards.urls")),
    path("", include("meetings.urls")),
    path("", include("bulletin.urls")),
    path("search/", include("search.urls")),
    path("subscriptions/", include("subscriptions.urls")),
    path("api/", ApiIndexView.as_view(), name="api-home"),
    prefix_default_language=False,
)
