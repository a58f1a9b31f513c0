from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = pgettext_lazy("app", "标准")

    def ready(self):
        from . import import_kinds

        import_kinds.register()
