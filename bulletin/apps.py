from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class BulletinConfig(AppConfig):
    name = "bulletin"
    verbose_name = pgettext_lazy("app", "月报")

    def ready(self):
        from common import media, relatives

        from .rendering import checks  # noqa: F401 - registers itself

        media.register(
            "bulletin.NewsAttachment", "file", lambda a, user: a.news_item.visible_to(user)
        )
        # The logo is on every issue's cover, public or not.
        media.register("bulletin.SecretariatProfile", "logo", lambda profile, user: True)
        # The pages of the apps below list the issues that carry their records (common.relatives).
        relatives.register(
            "standards.Standard", "sections", "bulletin/includes/standard_issues.html"
        )
        for model in ("standards.CommentRequest", "meetings.Meeting"):
            relatives.register(model, "mentions", "bulletin/includes/in_issues.html")

        from . import import_kinds  # the news spreadsheets hold, offered by the imports app

        import_kinds.register()
