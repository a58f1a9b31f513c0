from django import template
from django.utils.safestring import mark_safe

from common import relatives

register = template.Library()


@register.simple_tag(takes_context=True)
def related(context, record, slot):
    """The templates apps above the record's own registered for this slot of its page."""
    rendered = []
    for name in relatives.templates_for(record, slot):
        with context.push(record=record):
            rendered.append(context.template.engine.get_template(name).render(context))
    return mark_safe("".join(rendered))
