from django.contrib.sitemaps import views as sitemaps
from django.urls import path
from django.views.generic import TemplateView

from . import statistics, views
from .sitemaps import SITEMAPS

app_name = "website"

# The public pages, under i18n_patterns: Chinese at the root, English under /en/.
urlpatterns = [
    path("", views.home, name="home"),
    path("statistics/", statistics.statistics_page, name="statistics"),
]

# Crawlers look for these at the root, whatever the language. The sitemap is an index naming
# each section's sitemap and every page of it (?p=2, …), a page holding at most `limit` URLs.
crawler_urlpatterns = [
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="website/robots.txt", content_type="text/plain; charset=utf-8"
        ),
        name="robots",
    ),
]
