from django import template

from common.site_urls import page_links as links_of

register = template.Library()


@register.inclusion_tag("includes/page_links.html", takes_context=True)
def page_links(context):
    """The page's canonical URL and its alternates in each language, absolute on SITE_URL.

    A list names the query that makes it (PublicListView's `canonical_query`); any other page
    is the same whatever query string it was asked with.
    """
    return links_of(context["request"].path, context.get("canonical_query", ""))
