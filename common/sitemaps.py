from django.contrib.sitemaps import Sitemap


class BilingualSitemap(Sitemap):
    """Each page in Chinese and in English, naming the other; the Chinese one is x-default."""

    i18n = True
    alternates = True
    x_default = True
