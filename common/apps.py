from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("公共")

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.tasks.signals import task_finished, task_started

        from . import caching, databases, stale_jobs

        caching.connect_signals()
        task_started.connect(stale_jobs.sweep_stale_jobs, dispatch_uid="sweep_stale_jobs")
        # Sent once per app after every migration has run: once for this one is enough.
        post_migrate.connect(databases.analyze_after_migrate, sender=self)
        task_finished.connect(databases.analyze_after_task, dispatch_uid="analyze_after_task")
