"""The contents' dotted leaders: one run of dots a line, where WeasyPrint puts each dot."""

import io
import math

import pytest
from pypdf import PdfReader

from bulletin.models import Issue
from bulletin.rendering import pdf
from bulletin.rendering.html import render_html
from bulletin.rendering.pdf import pdf_document

pytestmark = pytest.mark.django_db

CONTENTS = 1  # the page after the cover


def leaders(document):
    """[(line's y, x of the first dot, dots, text boxes)] for the contents' leaders."""
    found = []
    for box in document.pages[CONTENTS]._page_box.descendants():
        if getattr(box, "is_leader", False):
            first = min(child.position_x for child in box.children)
            dots = sum(len(child.text) for child in box.children)
            found.append((box.position_y, first, dots, len(box.children)))
    return found


def texts_shown(document):
    """How many times the contents page's stream shows text (TJ)."""
    contents = PdfReader(io.BytesIO(document.write_pdf())).pages[CONTENTS].get_contents()
    return contents.get_data().count(b"] TJ")


def test_each_leader_is_one_run_with_the_dots_weasyprint_places(demo, monkeypatch):
    html = render_html(Issue.objects.get(year=2022, month=7))

    joined = pdf_document(html)
    monkeypatch.setattr(pdf, "join_leaders", lambda page_box: None)
    separate = pdf_document(html)

    ours, theirs = leaders(joined), leaders(separate)
    assert len(ours) == len(theirs) == 3 + 2 + 14 + 5  # the parts and their chapters
    for (y, x, dots, boxes), (their_y, their_x, their_dots, their_boxes) in zip(
        ours, theirs, strict=True
    ):
        assert (y, dots, boxes) == (their_y, their_dots, 1)
        assert math.isclose(x, their_x, abs_tol=1e-6)
        assert their_boxes == their_dots > 20  # WeasyPrint's own: a text box a dot
    assert texts_shown(joined) < 200 < 1000 < texts_shown(separate)
