"""Meetings beside the records of the standards app, which does not know this app."""

from django import template
from django.db.models import Q

from meetings.models import Meeting

register = template.Library()


@register.simple_tag
def meetings_about(standard):
    """Public meetings that discussed or reviewed the standard, newest first."""
    return (
        Meeting.objects.published()
        .filter(Q(related_standards=standard) | Q(reviews__standard=standard))
        .select_related("organiser")
        .distinct()
        .order_by("-start_date")
    )


@register.simple_tag
def meetings_organised_by(committee):
    return (
        Meeting.objects.published()
        .filter(organiser=committee)
        .select_related("organiser")
        .order_by("-start_date")
    )
