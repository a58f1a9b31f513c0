from django import template

from bulletin.models import Issue

register = template.Library()


@register.simple_tag
def issues_mentioning(standard):
    """Published issues that report the standard, newest first."""
    return Issue.objects.published().mentioning(standard).order_by("-year", "-month")


@register.simple_tag
def issues_containing(record):
    """Published issues that carry the meeting, comment request or news item."""
    return record.issues.published().order_by("-year", "-month")
