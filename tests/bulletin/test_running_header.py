"""The PDF's running header names the publisher from a CSS string the stylesheet writes, escaped
so that no name can end the string or the page's <style> element."""

import io

import pytest
from pypdf import PdfReader

from bulletin.models import SecretariatProfile
from bulletin.rendering.html import render_html
from bulletin.rendering.pdf import pdf_document
from bulletin.templatetags.bulletin import css_string
from tests.bulletin.factories import IssueFactory

pytestmark = pytest.mark.django_db

AWKWARD_NAME = 'Y&Z "标准"\\秘书处</style><b>'


def header_text(page, top_margin=65):
    """The text printed in the page's top margin (PDF y grows upwards from the bottom)."""
    found = []
    height = float(page.mediabox.height)

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and height - top_margin < y <= height:
            found.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(found)


def test_a_css_string_escapes_what_could_end_it():
    assert css_string('a"b\\c</style>\n') == '"a\\22 b\\5c c\\3c /style\\3e \\a "'
    assert css_string("中国汽车技术研究中心") == '"中国汽车技术研究中心"'


def test_the_running_header_names_the_publisher_as_written(db):
    SecretariatProfile.objects.create(pk=1, name=AWKWARD_NAME, address="天津")
    issue = IssueFactory()

    html = render_html(issue)
    reader = PdfReader(io.BytesIO(pdf_document(html).write_pdf()))

    assert "</style><b>" not in html.split("</style>")[0]
    body_pages = reader.pages[2:]
    assert body_pages
    assert all(AWKWARD_NAME in header_text(page) for page in body_pages)
