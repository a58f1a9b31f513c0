from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class BulletinConfig(AppConfig):
    name = "bulletin"
    verbose_name = pgettext_lazy("app", "月报")

    def ready(self):
        from common import media

        from . import checks  # noqa: F401 - checks registers itself

        media.register(
            "bulletin.NewsAttachment", "file", lambda a, user: a.news_item.visible_to(user)
        )
        # The logo is on every issue's cover, public or not.
        media.register("bulletin.SecretariatProfile", "logo", lambda profile, user: True)
