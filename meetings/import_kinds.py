"""Meetings as the imports app offers them."""

from django.utils.translation import gettext_lazy as _

from imports import registry

from .resources import MeetingResource


def register():
    registry.register("meetings", _("会议"), MeetingResource, [registry.YEAR])
