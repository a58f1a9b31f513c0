"""The published July 2022 PDF as assistive technology and a reader's eye meet it: its structure
tree (pikepdf), its metadata and fonts, and where its lines break (pdfplumber's glyphs)."""

import io
import re
import warnings
from html.parser import HTMLParser

import pdfplumber
import pikepdf
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from bulletin.models import IssueRevision, SecretariatProfile
from bulletin.rendering.pdf import pdf_document, write_pdf

# The module's fixture publishes once, on the test database that these tests' own use sets up.
pytestmark = pytest.mark.django_db

# Runs that must stay on one line wherever they fall, in the document's text without spaces.
NUMBER_WITH_UNIT = re.compile(r"第\d+(?:-\d+)?部分|(?:GB|GB/T|QC/T|ISO|IEEE)\d+(?:\.\d+)*")


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo published as `published_demo` (tests/conftest.py) publishes it, once for the
    module, since publishing lays the PDF out: its PDF and HTML, its secretariat's name, and
    the database left as it was."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        with TestCase.captureOnCommitCallbacks(execute=True):  # the publishing task
            call_command("load_demo", stdout=io.StringIO())
        revision = IssueRevision.objects.get()
        with revision.pdf.open("rb") as pdf, revision.html.open("rb") as html:
            pdf, html = pdf.read(), html.read().decode()
        name = SecretariatProfile.load().name
        transaction.set_rollback(True)
    return {"pdf": pdf, "html": html, "name": name}


class Tree:
    """The PDF's structure elements, in reading order, with the text of each from its glyphs."""

    def __init__(self, pdf):
        self.pikepdf = pikepdf.open(io.BytesIO(pdf))
        self.plumber = pdfplumber.open(io.BytesIO(pdf))
        self.pages = {page.objgen: n for n, page in enumerate(self.pikepdf.pages)}
        self.glyphs = {}  # (page, MCID): its glyphs
        for n, page in enumerate(self.plumber.pages):
            for char in page.chars:
                if char.get("mcid") is not None and char["text"].strip():
                    self.glyphs.setdefault((n, char["mcid"]), []).append(char)
        self.elements = list(self._walk(self.pikepdf.Root.StructTreeRoot.K))

    def _walk(self, kids):
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid
                yield from self._walk(kid.get("/K", pikepdf.Array()))

    def of_type(self, *types):
        return [element for element in self.elements if str(element.S)[1:] in types]

    def descendants(self, element):
        return [kid for kid in self._walk(element.get("/K", pikepdf.Array()))]

    def glyphs_of(self, element, skip=()):
        """The element's glyphs, and its descendants' but those of the types in `skip`."""
        page = self.pages.get(element.Pg.objgen) if "/Pg" in element else None
        found = []
        for kid in element.get("/K", pikepdf.Array()):
            if isinstance(kid, int):
                found += self.glyphs.get((page, int(kid)), [])
            elif isinstance(kid, pikepdf.Dictionary) and str(kid.get("/S", "/"))[1:] not in skip:
                found += self.glyphs_of(kid, skip)
        return found

    def text(self, element):
        return "".join(glyph["text"] for glyph in self.glyphs_of(element))

    def lines(self, element, skip=()):
        """The element's text line by line, as its glyphs stand on the page."""
        lines = []
        for glyph in sorted(self.glyphs_of(element, skip), key=lambda g: (g["top"], g["x0"])):
            if lines and abs(glyph["top"] - lines[-1][0]["top"]) < glyph["size"] / 2:
                lines[-1].append(glyph)
            else:
                lines.append([glyph])
        return [sorted(line, key=lambda g: g["x0"]) for line in lines]


class Headings(HTMLParser):
    """The HTML document's headings, (level, text without spaces), in order."""

    def __init__(self, html):
        super().__init__()
        self.found, self.open = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.open = [int(tag[1]), ""]

    def handle_endtag(self, tag):
        if self.open and tag == f"h{self.open[0]}":
            self.found.append((self.open[0], re.sub(r"\s", "", self.open[1])))
            self.open = None

    def handle_data(self, data):
        if self.open:
            self.open[1] += data


@pytest.fixture(scope="module")
def tree(published):
    return Tree(published["pdf"])


def test_the_headings_are_tagged_in_the_documents_order(published, tree):
    expected = Headings(published["html"]).found
    tagged = [
        (int(str(element.S)[2]), re.sub(r"\s", "", tree.text(element)))
        for element in tree.of_type("H1", "H2", "H3", "H4", "H5", "H6")
    ]
    assert len(expected) > 30
    assert tagged == expected


def test_every_table_has_header_cells_that_its_cells_refer_to(tree):
    tables = tree.of_type("Table")
    assert len(tables) >= 4
    for table in tables:
        cells = tree.descendants(table)
        headers = {str(cell.ID) for cell in cells if str(cell.S) == "/TH"}
        data = [cell for cell in cells if str(cell.S) == "/TD"]
        assert headers and data
        for cell in data:
            assert {str(header) for header in cell.A.Headers} <= headers
            assert cell.A.Headers


def test_the_pdf_is_marked_with_the_documents_language_title_and_author(published, tree):
    document = tree.pikepdf
    assert str(document.Root.Lang) == "zh-Hans"
    assert bool(document.Root.MarkInfo.Marked) is True
    assert bool(document.Root.ViewerPreferences.DisplayDocTitle) is True
    title = str(document.docinfo.Title)
    assert published["name"] in title and "2022/07" in title
    assert str(document.docinfo.Author) == published["name"]
    metadata = document.open_metadata()
    assert metadata["dc:title"] == title
    assert metadata["dc:creator"] == [published["name"]]
    assert metadata["pdfuaid:part"] == "1"


def test_every_font_is_embedded(published):
    fonts = {}
    for page in pikepdf.open(io.BytesIO(published["pdf"])).pages:
        for font in page.Resources.Font.values():
            for face in font.get("/DescendantFonts", [font]):
                descriptor = face.FontDescriptor
                fonts[str(descriptor.FontName)] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
    assert any("CJK" in name for name in fonts), fonts
    assert all(fonts.values()), fonts


def test_no_table_cell_ends_with_one_character_alone_on_its_line(tree):
    cells = tree.of_type("TD", "TH")
    assert len(cells) > 100
    lonely = []
    for cell in cells:
        lines = ["".join(glyph["text"] for glyph in line) for line in tree.lines(cell)]
        if len(lines) > 1 and len(lines[-1]) < 2:
            lonely.append(lines)
    assert lonely == []


def test_numbers_stay_with_their_unit_and_standards_numbers_whole(tree):
    blocks = tree.of_type("TD", "P", "LBody", "H2")
    split, seen = [], set()
    for block in blocks:
        lines = tree.lines(block, skip=("P", "L", "LI", "LBody"))
        glyphs = [(glyph["text"], number) for number, line in enumerate(lines) for glyph in line]
        text = "".join(char for char, _ in glyphs)
        for match in NUMBER_WITH_UNIT.finditer(text):
            seen.add(match.group())
            if len({line for _, line in glyphs[match.start() : match.end()]}) > 1:
                split.append(match.group())
    assert {"第2部分", "GB21670", "GB/T3730.2"} <= seen
    assert split == []


def test_no_paragraph_ends_in_a_line_of_one_or_two_characters(tree):
    short = []
    for block in tree.of_type("P", "LBody"):
        lines = ["".join(g["text"] for g in line) for line in tree.lines(block, skip=("P", "L"))]
        if len(lines) > 1 and len(lines[-1]) < 3:
            short.append(lines[-2:])
    assert short == []


def test_pdf_a_3b_is_tagged_too(settings):
    settings.BULLETIN_PDF_VARIANT = "pdf/a-3b"
    html = (
        '<html lang="zh-Hans"><head><title>月报</title><meta name="author" content="秘书处">'
        "</head><body><h1>标准法规动态</h1><table><tr><th>序号</th></tr><tr><td>1</td></tr>"
        "</table></body></html>"
    )
    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for the output intent and never closes it.
        warnings.simplefilter("ignore", ResourceWarning)
        pdf = write_pdf(pdf_document(html))
    document = pikepdf.open(io.BytesIO(pdf))
    metadata = document.open_metadata()
    assert (metadata["pdfaid:part"], metadata["pdfaid:conformance"]) == ("3", "B")
    assert "/OutputIntents" in document.Root
    assert bool(document.Root.MarkInfo.Marked) is True
    assert [str(kid.S) for kid in document.Root.StructTreeRoot.K[0].K] == ["/H1", "/Table"]
