"""The secretary's dashboard, shown on the admin's index (templates/admin/index.html)."""

from django import template

from bulletin.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("admin/bulletin/dashboard.html", takes_context=True)
def secretary_dashboard(context):
    return {"dashboard": dashboard(context["request"])}
