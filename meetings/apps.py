from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = pgettext_lazy("app", "会议")

    def ready(self):
        from common import media, relatives

        from . import import_kinds

        import_kinds.register()
        media.register("meetings.MeetingPhoto", "image", lambda p, user: p.meeting.visible_to(user))
        media.register(
            "meetings.MeetingAttachment", "file", lambda a, user: a.meeting.visible_to(user)
        )
        # The standards app's pages list meetings without knowing this app (common.relatives).
        relatives.register(
            "standards.Standard", "sections", "meetings/includes/standard_meetings.html"
        )
        relatives.register(
            "standards.Committee", "sections", "meetings/includes/committee_meetings.html"
        )
        relatives.register(
            "standards.Committee", "sections", "meetings/includes/committee_calendar.html"
        )
