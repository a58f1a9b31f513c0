from django import template

from common import richtext

register = template.Library()


@register.filter
def plain_text(html):
    """A rich-text field as text, for a summary: `{{ item.body|plain_text|truncatechars:120 }}`.

    The template escapes it once; after `striptags` alone the stored entities would be escaped a
    second time, and a reader would see "&amp;" where the text has "&".
    """
    return richtext.plain_text(html)
