"""Rich text that editors paste from Word or web pages, cut down to what the bulletin prints."""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "sub", "sup", "ol", "ul", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def clean_html(html):
    """Return `html` with only the tags the bulletin uses; scripts, styles and attributes go."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()
