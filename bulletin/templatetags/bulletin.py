from django import template

from bulletin.models import Issue

register = template.Library()


@register.simple_tag
def issues_mentioning(standard):
    """Published issues that report the standard, newest first."""
    return Issue.objects.published().mentioning(standard).order_by("-year", "-month")
