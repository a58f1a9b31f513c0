from django import template
from django.utils.safestring import mark_safe

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


# What a CSS string must not hold as itself: its quotes and escape, a line end, and what would
# end the document's <style> element or read as an HTML entity there.
CSS_ESCAPED = set("\"'\\<>&")


@register.filter
def css_string(value):
    """The text as a quoted CSS string, for `content:` in the document's stylesheet."""
    escaped = "".join(
        f"\\{ord(char):x} "
        if char in CSS_ESCAPED or ord(char) < 0x20 or ord(char) == 0x7F
        else char
        for char in str(value)
    )
    return mark_safe(f'"{escaped}"')  # every character that could end the string is escaped
