"""The PDF's small copies of the Noto CJK SC faces: built once, used when complete, else not.

The copies built here hold a few characters only (a full build takes a minute): the tests never
use a developer's own build (config/settings/test.py points PDF_FONT_DIR elsewhere).
"""

import io
import json
import shutil

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from bulletin.models import IssueMeeting
from bulletin.rendering import fonts
from bulletin.rendering.html import render_html
from bulletin.rendering.pdf import pdf_document
from tests.bulletin.factories import IssueFactory
from tests.bulletin.poppler import pdffonts, pdftotext
from tests.meetings.factories import MeetingFactory

# What the test copies hold, besides ASCII; RARE is in neither them nor GB 2312 (GBK only), as
# a rare character in a person's or a company's name would be.
HELD = "汽车标准会议纪要，。（）"
RARE = "堃"


def characters(text):
    return {ord(character) for character in text} | set(range(0x20, 0x7F))


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf-fonts") / "fonts"
    fonts.build(folder, characters=characters(HELD), jobs=1)
    return folder


@pytest.fixture
def issue_with(db):
    def make(title):
        issue = IssueFactory()
        IssueMeeting.objects.create(issue=issue, meeting=MeetingFactory(title=title))
        return issue

    return make


def fonts_by_character(pdf):
    """{character: names of the fonts it is drawn with} over the PDF's pages."""
    drawn = {}

    def visit(text, cm, tm, font, size):
        name = str(font.get("/BaseFont", "")).split("+")[-1] if font else ""
        for character in text:
            drawn.setdefault(character, set()).add(name)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return drawn


def render(issue):
    document = pdf_document(render_html(issue))
    pdf = document.write_pdf()
    missing = {font.family: font.missing for font in document.fonts.values() if font.missing}
    assert missing == {}, "glyphs drawn as .notdef"
    return pdf


def test_the_pdf_draws_from_the_copies_and_a_rare_character_from_the_system_face(
    copies, settings, issue_with, tmp_path
):
    settings.PDF_FONT_DIR = copies
    title = f"汽车标准会议纪要（{RARE}）"

    pdf = render(issue_with(title))

    drawn = fonts_by_character(pdf)
    assert {name for c in "汽车标准会议" for name in drawn[c]} <= {
        "Bulletin-CJK-Sans-SC",
        "Bulletin-CJK-Sans-SC-Bold",
        "Bulletin-CJK-Serif-SC",
        "Bulletin-CJK-Serif-SC-Bold",
    }
    assert drawn[RARE] and all(name.startswith("Noto-") for name in drawn[RARE])
    embedded = pdffonts(pdf, tmp_path)
    assert any(name.startswith("Bulletin-CJK") for name in embedded), embedded
    assert all(embedded.values()), f"fonts not embedded: {embedded}"
    assert title in pdftotext(pdf, tmp_path)
    # The PDF names glyphs by index; a viewer may look them up by CID in the font's charset.
    for name, charset in embedded_charsets(pdf).items():
        assert charset[1:] == [f"cid{index:05d}" for index in range(1, len(charset))], name


def embedded_charsets(pdf):
    """{font name: the charset of its embedded CFF font program}."""
    charsets = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            program = descriptor["/FontFile3"].get_object().get_data()
            with TTFont(io.BytesIO(program)) as embedded:
                top = embedded["CFF "].cff.topDictIndex[0]
                charsets[str(descriptor["/FontName"])] = list(top.charset)
    return charsets


def test_without_a_build_the_pdf_uses_the_system_faces(settings, issue_with, tmp_path):
    settings.PDF_FONT_DIR = tmp_path / "never-built"
    title = f"汽车标准会议纪要（{RARE}）"

    pdf = render(issue_with(title))

    embedded = pdffonts(pdf, tmp_path)
    assert embedded and all(name.startswith("Noto-") for name in embedded), embedded
    assert all(embedded.values())
    assert title in pdftotext(pdf, tmp_path)


def test_an_incomplete_build_is_not_used(copies, settings, issue_with, tmp_path):
    partial = tmp_path / "partial"
    shutil.copytree(copies, partial)
    (partial / "BulletinCJKSansSC-Bold.otf").unlink()  # bold text would be a faked Regular
    settings.PDF_FONT_DIR = partial

    assert fonts.built_fonts() == []
    embedded = pdffonts(render(issue_with("汽车标准会议")), tmp_path)
    assert not any(name.startswith("Bulletin-CJK") for name in embedded), embedded


def test_a_copy_draws_each_character_as_its_system_face_does(copies):
    manifest = json.loads((copies / "manifest.json").read_text())
    for face in manifest["faces"]:
        with (
            TTFont(copies / face["file"]) as copy,
            TTFont(face["source"], fontNumber=face["index"], lazy=True) as system,
        ):
            same_glyphs(copy, system, face)


def same_glyphs(copy, system, face):
    for character in "汽标，A":
        drawn = []
        for font in (copy, system):
            glyph = font.getBestCmap()[ord(character)]
            pen = RecordingPen()
            font.getGlyphSet()[glyph].draw(pen)
            drawn.append((font["hmtx"][glyph][0], pen.value))
        assert drawn[0] == drawn[1], (face["file"], character)
    assert copy["hhea"].ascent == system["hhea"].ascent
    assert copy["hhea"].descent == system["hhea"].descent
    assert copy["name"].getDebugName(1) == face["family"]
    assert "Noto" not in copy["name"].getDebugName(1)  # never taken for the system face


def test_the_command_builds_once_and_again_when_the_system_fonts_change(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "repertoire", lambda cmap: characters(HELD) & cmap.keys())
    folder = tmp_path / "fonts"

    def build():
        out = io.StringIO()
        call_command("build_pdf_fonts", folder=str(folder), jobs=1, stdout=out)
        return out.getvalue()

    assert "Built" in build()
    assert len(fonts.built_fonts(folder)) == 4
    assert "up to date" in build()

    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["faces"][0]["source_mtime"] -= 60  # as after an upgrade of fonts-noto-cjk
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert "Built" in build()
    assert "up to date" in build()
    assert not list(tmp_path.glob("fonts.*")), "the build's working folders are left behind"


def test_the_command_explains_when_there_is_no_system_face_to_copy(monkeypatch, tmp_path):
    def none():
        raise fonts.FontsUnavailable("Noto Sans CJK SC Regular is not installed")

    monkeypatch.setattr(fonts, "system_faces", none)

    with pytest.raises(CommandError, match="fonts-noto-cjk"):
        call_command("build_pdf_fonts", folder=str(tmp_path / "fonts"))
    assert not (tmp_path / "fonts").exists()


def test_the_system_check_says_when_the_fonts_are_not_built(copies, settings):
    settings.PDF_FONT_DIR = copies.parent / "never-built"
    assert "bulletin.I001" in [message.id for message in run_checks()]

    settings.PDF_FONT_DIR = copies
    assert "bulletin.I001" not in [message.id for message in run_checks()]


def test_the_system_check_warns_when_weasyprint_would_subset_with_fonttools(monkeypatch):
    monkeypatch.setattr(fonts, "harfbuzz_subset_available", lambda: False)

    assert "bulletin.W003" in [message.id for message in run_checks()]


def test_weasyprint_subsets_with_harfbuzz_here():
    assert fonts.harfbuzz_subset_available(), "install libharfbuzz-subset0 (make install)"
