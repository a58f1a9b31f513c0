from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("公共")

    def ready(self):
        from django.tasks.signals import task_started

        from . import caching, stale_jobs

        caching.connect_signals()
        task_started.connect(stale_jobs.sweep_stale_jobs, dispatch_uid="sweep_stale_jobs")
