"""The issue document's line-breaking filters (bulletin/rendering/typesetting.py)."""

from django import template
from django.utils.safestring import mark_safe

from bulletin.rendering.typesetting import keep_together, typeset_html

register = template.Library()


@register.filter
def keep_runs(text, last=2):
    """Plain text, escaped, its numbers kept with their units and its last `last` characters
    (2: a table cell; 3: a paragraph; 0: none) on one line."""
    return mark_safe(keep_together(text, int(last)))


@register.filter
def typeset(html):
    """Cleaned rich text, its numbers kept with their units and each block's end bound."""
    return mark_safe(typeset_html(html))
