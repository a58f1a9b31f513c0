"""Meetings beside the records of the standards app, which does not know this app."""

from django import template
from django.db.models import Q

from meetings.models import Meeting

register = template.Library()


@register.simple_tag
def meetings_about(standard):
    """Public meetings that discussed or reviewed the standard, newest first."""
    # Two subqueries rather than an OR of two joins with DISTINCT, which scans every meeting.
    discussed = Meeting.related_standards.through.objects.filter(standard=standard)
    reviewed = Meeting.reviews.through.objects.filter(review__standard=standard)
    return (
        Meeting.objects.published()
        .filter(Q(pk__in=discussed.values("meeting")) | Q(pk__in=reviewed.values("meeting")))
        .select_related("organiser")
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
