"""News items as the imports app offers them."""

from django.utils.translation import gettext_lazy as _

from imports import registry

from .resources import NewsItemResource


def register():
    registry.register("news", _("行业资讯"), NewsItemResource, [registry.YEAR])
