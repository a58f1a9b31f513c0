from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import pgettext_lazy


class BulletinConfig(AppConfig):
    name = "bulletin"
    verbose_name = pgettext_lazy("app", "月报")

    def ready(self):
        from . import checks, roles  # noqa: F401 - checks registers itself

        # Permissions exist only after migrate has run, so the groups are kept in step here.
        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
