"""The issue's document as a PDF: WeasyPrint's layout, its leaders, what it may fetch, and the
tagged PDF it writes."""

import copy
import math
import mimetypes
from urllib.parse import unquote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

from .fonts import font_configuration
from .html import render_html
from .worker import pdf_in_worker


def render_pdf(issue, html=None, beat=None, **context):
    """The PDF, laid out in a worker process with time and memory limits (worker.py)."""
    html = html if html is not None else render_html(issue, **context)
    return pdf_in_worker(html, beat=beat)


def pdf_document(html):
    """The laid-out pages of an HTML document, as WeasyPrint renders them for print."""
    # Imported here: WeasyPrint loads Pango when imported, and the rest of the site must run
    # (and the system check explain) on a machine that lacks it.
    from weasyprint import HTML

    base_url = render_base_url()
    document = HTML(string=html, base_url=base_url, url_fetcher=local_fetcher(base_url)).render(
        font_config=font_configuration()
    )
    for page in document.pages:
        join_leaders(page._page_box)
    return document


# What the PDF conforms to (BULLETIN_PDF_VARIANT), as WeasyPrint's options. Both are tagged: a
# structure tree of headings, lists, tables with their header cells and figures with their
# text, which screen readers and reflowing viewers read instead of guessing from the layout.
PDF_VARIANTS = {
    # PDF/UA-1: tagged, /Lang from <html lang>, the title shown instead of the file name, and
    # XMP metadata (title, author, the PDF/UA identification) besides the document information.
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1"},
    # PDF/A-3b, for archiving: the same tags and metadata, plus an sRGB output intent and a file
    # identifier; the XMP names PDF/A only, as WeasyPrint writes one conformance.
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
}


def write_pdf(document):
    """The PDF's bytes of a laid-out document, tagged, in the configured variant."""
    return document.write_pdf(**PDF_VARIANTS[settings.BULLETIN_PDF_VARIANT])


def join_leaders(page_box):
    """Makes each leader (the contents' dotted lines) one run of dots instead of one box a dot.

    WeasyPrint lays a leader out as a copy of its text box for each repetition, and writing the
    PDF shapes and draws every copy on its own: the contents' ~2,000 dots took a third of the
    time of writing the July 2022 PDF. The copies stand side by side, each as wide as the text,
    so one text box of all of them, where the first stands, draws the same dots in the same
    places. Anything else than such a row of copies is left as it is.
    """
    from weasyprint.formatting_structure.boxes import TextBox

    leaders = [
        box
        for box in page_box.descendants()
        if getattr(box, "is_leader", False) and len(box.children) > 1
    ]
    for leader in leaders:
        copies = sorted(leader.children, key=lambda box: getattr(box, "position_x", 0))
        first = copies[0]
        if not all(
            isinstance(box, TextBox)
            and box.text == first.text
            and box.pango_layout is first.pango_layout
            and math.isclose(box.position_x, first.position_x + n * first.width, abs_tol=1e-6)
            for n, box in enumerate(copies)
        ):
            continue
        joined = first.copy_with_text(first.text * len(copies))
        joined.width = first.width * len(copies)
        joined.pango_layout = copy.copy(first.pango_layout)
        joined.pango_layout.text = joined.text
        leader.children = (joined,)


def render_base_url():
    """The address documents are laid out at: the site's own (SITE_URL), so that a relative link
    (an attachment, a page of the site linked in a text) is absolute in the PDF on where its
    reader, away from the site, finds it."""
    return settings.SITE_URL.rstrip("/") + "/"


def local_fetcher(base_url):
    """What a render may load: media from storage and static files from their folders, found by
    their address under `base_url`. Everything else is refused, so a render never waits on, or
    leaks to, the network, the site itself included."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    # The site's own /media/, or a separate media origin when MEDIA_URL names one.
    media = urljoin(base_url, settings.MEDIA_URL)
    static = urljoin(base_url, settings.STATIC_URL)

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            mime_type = mimetypes.guess_type(url)[0] or "application/octet-stream"
            if url.startswith(media):
                # Storage names reach the page quoted (FieldFile.url), 现场.jpg as %E7%8E%B0….jpg.
                with default_storage.open(unquote(url.removeprefix(media))) as file:
                    body = file.read()
            elif url.startswith(static):
                found = finders.find(unquote(url.removeprefix(static)))
                if not found:
                    raise ValueError(f"No static file {url}")
                with open(found, "rb") as file:
                    body = file.read()
            else:
                raise ValueError(f"Refused to fetch {url} while rendering")
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return LocalFetcher()
