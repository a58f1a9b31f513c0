from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = pgettext_lazy("app", "会议")
