"""The issue's document as an HTML page, and the policy it is served under."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from .context import document_context

TEMPLATE = "bulletin/issue/document.html"

# The issue document is one self-contained file (frozen at publishing) with its stylesheet inline;
# it has no script at all, so its policy allows inline styles and forbids every script.
document_csp = csp_override(
    {
        "default-src": [CSP.NONE],
        "style-src": [CSP.UNSAFE_INLINE],
        # The site's policy's sources: itself, and the media origin when there is one.
        "img-src": settings.SECURE_CSP["img-src"],
        "font-src": [CSP.SELF, "data:"],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.NONE],
        "frame-ancestors": [CSP.SELF],
    }
)


def render_document(context):
    # The bulletin is a Chinese document whatever language the editor's admin is in.
    with translation.override("zh-hans"):
        return render_to_string(TEMPLATE, context)


def render_html(issue, **context):
    return render_document(document_context(issue, **context))
