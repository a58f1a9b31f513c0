"""Meetings beside the records of the standards app, which does not know this app."""

from django import template

from meetings.models import Meeting

register = template.Library()


@register.simple_tag
def meetings_about(standard):
    """Public meetings that discussed or reviewed the standard, newest first."""
    # One subquery of the two kinds' ids: an OR of two joins with DISTINCT, or of two IN
    # subqueries, has PostgreSQL read every meeting (3 ms of a standard's page, 0.6 ms so).
    discussed = Meeting.related_standards.through.objects.filter(standard=standard)
    reviewed = Meeting.reviews.through.objects.filter(review__standard=standard)
    ids = discussed.values("meeting").union(reviewed.values("meeting"))
    return (
        Meeting.objects.published()
        .filter(pk__in=ids)
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
