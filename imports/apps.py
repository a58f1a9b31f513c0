from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = pgettext_lazy("app", "导入")
