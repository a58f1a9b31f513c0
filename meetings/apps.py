from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = pgettext_lazy("app", "会议")

    def ready(self):
        from common import media

        from . import import_kinds

        import_kinds.register()
        media.register("meetings.MeetingPhoto", "image", lambda p, user: p.meeting.visible_to(user))
        media.register(
            "meetings.MeetingAttachment", "file", lambda a, user: a.meeting.visible_to(user)
        )
