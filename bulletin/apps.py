from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import pgettext_lazy


class BulletinConfig(AppConfig):
    name = "bulletin"
    verbose_name = pgettext_lazy("app", "月报")

    def ready(self):
        from common import media

        from . import checks, roles  # noqa: F401 - checks registers itself

        media.register(
            "bulletin.NewsAttachment", "file", lambda a, user: a.news_item.visible_to(user)
        )
        # The logo is on every issue's cover, public or not.
        media.register("bulletin.SecretariatProfile", "logo", lambda profile, user: True)

        # Permissions exist only after migrate has run, so the groups are kept in step here.
        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)

        from . import import_kinds  # the news spreadsheets hold, offered by the imports app

        import_kinds.register()
