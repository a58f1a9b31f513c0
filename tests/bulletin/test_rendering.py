"""The July 2022 issue rendered like the seed: its PDF's fonts, text and table of contents."""

import io
import re

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from bulletin.models import Issue, IssueRevision
from bulletin.rendering import checks
from bulletin.rendering.context import document_context
from bulletin.rendering.html import render_html
from bulletin.rendering.pdf import pdf_document
from meetings.models import Meeting
from standards.models import CommentRequest, Review
from tests.bulletin.poppler import pdffonts, pdftotext

pytestmark = pytest.mark.django_db


def squeeze(text):
    return re.sub(r"\s+", "", text)


def footer_text(page, bottom_margin=45):
    """The text printed in the page's bottom margin (PDF y grows upwards from the bottom)."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and 0 <= y < bottom_margin:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return "".join(found)


@pytest.fixture
def july(demo):
    issue = Issue.objects.get(year=2022, month=7)
    html = render_html(issue)
    document = pdf_document(html)
    reader = PdfReader(io.BytesIO(document.write_pdf()))
    return issue, document, reader


def test_the_pdf_embeds_a_cjk_font_and_holds_every_record_of_the_seed(july, tmp_path):
    _, document, reader = july
    fonts = pdffonts(document.write_pdf(), tmp_path)
    assert any("CJK" in name for name in fonts), fonts
    assert all(fonts.values()), f"fonts not embedded: {fonts}"

    text = squeeze("".join(page.extract_text() for page in reader.pages))
    titles = [m.title for m in Meeting.objects.all()]
    leads = [m.lead for m in Meeting.objects.select_related("organiser__parent")]
    names = [c.standard.title for c in CommentRequest.objects.select_related("standard")]
    plan_numbers = [r.standard.plan_number for r in Review.objects.select_related("standard")]
    assert len(titles) == 14 and len(names) == 14 and len(plan_numbers) == 7
    missing = [s for s in titles + leads + names + plan_numbers if squeeze(s) not in text]
    assert missing == []
    for caption in (
        "表1汽车标准审查情况表",
        "表2汽车强制性国家标准征求意见汇总表",
        "表3汽车推荐性国家标准征求意见汇总表",
        "表4汽车行业标准征求意见汇总表",
    ):
        assert caption in text


def test_each_meeting_opens_with_its_lead_generated_or_written(demo):
    issue = Issue.objects.get(year=2022, month=7)
    Meeting.objects.filter(title__startswith="电动商用车换电").update(summary="编辑写的开头。")

    html = render_html(issue)

    openings = [
        re.sub(r"<[^>]+>", "", opening)  # without the spans that keep runs together
        for opening in re.findall(r'</h2>\s*<p class="summary">(.*?)</p>', html)
    ]
    assert len(openings) == 14
    assert openings[0] == (
        "本次会议于 2022 年 6 月 1 日以网络会议形式召开，来自整车企业、零部件企业、检测机构"
        "以及相关单位的 60 余位专家代表参加了此次会议。"
    )
    assert "编辑写的开头。" in openings


def test_each_contents_entry_gives_the_page_its_heading_is_on(july):
    issue, document, reader = july
    anchors = [
        anchor
        for part in document_context(issue)["parts"]
        for anchor in [part.anchor, *(chapter.anchor for chapter in part.chapters)]
    ]
    page_of = {}  # where each anchor first appears: a section that runs on is listed again
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    first_body_page = page_of["part-1"]
    contents = "\n".join(page.extract_text() for page in reader.pages[1:first_body_page])
    printed = [int(n) for n in re.findall(r"\.{4,}\s*(\d+)\s*$", contents, flags=re.M)]

    assert len(printed) == len(anchors) == 3 + 2 + 14 + 5  # parts, then their chapters
    for anchor, number in zip(anchors, printed, strict=True):
        heading_page = reader.pages[page_of[anchor]]
        assert footer_text(heading_page) == str(number), anchor
    assert printed[0] == 1  # the body counts from PART 01, as the seed does


def test_cover_and_contents_carry_no_page_number(july):
    _, document, reader = july
    first_body_page = next(n for n, page in enumerate(document.pages) if "part-1" in page.anchors)
    assert first_body_page >= 2
    assert all(footer_text(page) == "" for page in reader.pages[:first_body_page])


def test_render_issue_writes_the_pdf_and_the_page(demo, tmp_path):
    out = io.StringIO()
    call_command(
        "render_issue",
        "2022-07",
        "--pdf",
        tmp_path / "o.pdf",
        "--html",
        tmp_path / "o.html",
        stdout=out,
    )

    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")
    page = (tmp_path / "o.html").read_text(encoding="utf-8")
    assert "20213570-T-339" in page and "PART 03" in page


@pytest.mark.parametrize(("argument", "message"), [("2022-13", "no issue"), ("July", "YYYY-MM")])
def test_render_issue_explains_a_bad_issue(demo, argument, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("render_issue", argument, "--pdf", tmp_path / "o.pdf")


def test_editors_preview_the_draft_from_live_records(editor_client):
    issue = Issue.objects.get()
    Meeting.objects.filter(title__startswith="电动商用车换电").update(title="换电起草组会议（改）")

    page = editor_client.get(f"/admin/bulletin/issue/{issue.pk}/preview/")
    pdf = editor_client.get(f"/admin/bulletin/issue/{issue.pk}/preview/pdf/")

    assert "换电起草组会议（改）" in page.text
    assert pdf["Content-Type"] == "application/pdf"
    assert "换电起草组会议（改）" in squeeze(
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    )


def test_preview_needs_a_staff_login(client, demo):
    issue = Issue.objects.get()
    response = client.get(f"/admin/bulletin/issue/{issue.pk}/preview/")
    assert response.status_code == 302


def test_a_system_check_warns_when_no_cjk_font_is_installed(monkeypatch):
    monkeypatch.setattr(checks, "cjk_font_families", lambda: [])

    ids = [message.id for message in run_checks()]

    assert "bulletin.W001" in ids


def test_no_warning_when_a_cjk_font_is_installed():
    assert checks.cjk_font_families(), "install fonts-noto-cjk (make install does)"
    assert "bulletin.W001" not in [message.id for message in run_checks()]


def test_pdftotext_and_pdffonts_read_the_published_pdf(published_demo, tmp_path):
    with IssueRevision.objects.get().pdf.open("rb") as file:
        pdf = file.read()

    fonts = pdffonts(pdf, tmp_path)
    assert any("CJK" in name and embedded for name, embedded in fonts.items()), fonts
    assert all(fonts.values()), fonts

    text = pdftotext(pdf, tmp_path)
    expected = [m.title for m in Meeting.objects.all()]
    expected += [c.standard.title for c in CommentRequest.objects.select_related("standard")]
    expected += [r.standard.plan_number for r in Review.objects.select_related("standard")]
    assert [item for item in expected if squeeze(item) not in text] == []
