"""Rich text holds only the bulletin's tags however it is written, and plain text stays text."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from bulletin.models import Issue, IssueMeeting, IssueNewsItem, NewsItem
from bulletin.rendering.html import render_html
from bulletin.rendering.pdf import pdf_document
from bulletin.resources import NewsItemResource
from common.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html, plain_text
from common.spreadsheets import import_file
from meetings.models import MeetingSection
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory, MeetingSectionFactory
from tests.xss_corpus import PAYLOADS, PLAIN_TEXT_PAYLOADS

URL_SCHEMES = {"", "http", "https", "mailto"}
# Each payload after a line of text, as an editor's paste would be: a required body must keep
# something once cleaned, or the admin and the imports refuse it.
BODIES = [f"<p>第{number}条</p>{payload}" for number, payload in enumerate(PAYLOADS)]


class Markup(HTMLParser):
    """The elements of an HTML fragment, and anything in it that is neither element nor text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.other = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.other.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self.other.append(f"<![{data}]>")

    def handle_pi(self, data):
        self.other.append(f"<?{data}>")


def scheme(url):
    # As browsers read a URL: control characters and spaces dropped, the scheme in any case.
    url = re.sub(r"[\x00-\x20]", "", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match[1].lower() if match else ""


def stored_bodies(model, records):
    records = model.objects.filter(pk__in=[r.pk for r in records]).order_by("pk")
    return list(records.values_list("body", flat=True))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cleaning_is_idempotent(payload):
    cleaned = clean_html(payload)

    assert clean_html(cleaned) == cleaned


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cleaned_html_holds_only_the_allowed_tags_and_attributes(payload):
    markup = Markup(clean_html(payload))

    assert markup.other == []
    for tag, attributes in markup.elements:
        assert tag in ALLOWED_TAGS
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert set(attributes) <= allowed
        assert scheme(attributes.get("href") or "") in URL_SCHEMES


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_url_survives_cleaning_even_as_text_of_an_attribute(payload):
    markup = Markup(clean_html(payload))

    values = [value or "" for _, attributes in markup.elements for value in attributes.values()]
    assert not [v for v in values if re.search(r"(java|vb)script:|data:", v, re.I)]


def test_template_syntax_is_kept_as_text():
    text = "{{ request.user }} {% debug %}"

    assert clean_html(f"<p>{text}</p>") == f"<p>{text}</p>"


@pytest.mark.django_db
def test_save_stores_cleaned_html():
    records = [NewsItem(title=f"资讯{n}", body=payload) for n, payload in enumerate(PAYLOADS)]
    for record in records:
        record.save()

    assert stored_bodies(NewsItem, records) == [clean_html(p) for p in PAYLOADS]
    assert [record.body for record in records] == [clean_html(p) for p in PAYLOADS]


@pytest.mark.django_db
def test_create_and_bulk_create_store_cleaned_html():
    meeting = MeetingFactory()
    created = [MeetingSection.objects.create(meeting=meeting, body=p) for p in PAYLOADS]
    bulk = MeetingSection.objects.bulk_create(
        MeetingSection(meeting=meeting, body=payload) for payload in PAYLOADS
    )

    assert stored_bodies(MeetingSection, created) == [clean_html(p) for p in PAYLOADS]
    assert stored_bodies(MeetingSection, bulk) == [clean_html(p) for p in PAYLOADS]


@pytest.mark.django_db
def test_bulk_update_stores_cleaned_html():
    # bulk_update() never calls pre_save(); the field cleans the values it is given to write.
    sections = MeetingSectionFactory.create_batch(len(PAYLOADS))
    for section, payload in zip(sections, PAYLOADS, strict=True):
        section.body = payload

    MeetingSection.objects.bulk_update(sections, ["body"])

    assert stored_bodies(MeetingSection, sections) == [clean_html(p) for p in PAYLOADS]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_queryset_update_stores_cleaned_html(payload):
    item = NewsItemFactory()

    NewsItem.objects.filter(pk=item.pk).update(body=payload)

    assert stored_bodies(NewsItem, [item]) == [clean_html(payload)]


@pytest.mark.django_db
def test_the_shell_stores_cleaned_html():
    command = (
        "from bulletin.models import NewsItem\n"
        f"for n, body in enumerate({PAYLOADS!r}):\n"
        "    NewsItem.objects.create(title=f'shell {n}', body=body)\n"
    )

    call_command("shell", command=command, stdout=io.StringIO())

    bodies = NewsItem.objects.filter(title__startswith="shell ").order_by("pk")
    assert list(bodies.values_list("body", flat=True)) == [clean_html(p) for p in PAYLOADS]


def news_file(bodies):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["标题", "正文"])
    writer.writerows([f"导入资讯{n}", body] for n, body in enumerate(bodies))
    return out.getvalue().encode()


@pytest.mark.django_db
def test_an_import_stores_cleaned_html_in_new_records():
    report = import_file(NewsItemResource(), news_file(BODIES), "news.csv")

    assert report.errors == []
    assert report.created == len(BODIES)
    records = NewsItem.objects.filter(title__startswith="导入资讯").order_by("pk")
    assert list(records.values_list("body", flat=True)) == [clean_html(b) for b in BODIES]


@pytest.mark.django_db
def test_an_import_stores_cleaned_html_in_updated_records_and_their_history():
    records = [NewsItemFactory(title=f"导入资讯{n}", body="<p>旧</p>") for n in range(len(BODIES))]

    report = import_file(NewsItemResource(), news_file(BODIES), "news.csv")

    assert report.errors == []
    assert report.updated == len(BODIES)
    assert stored_bodies(NewsItem, records) == [clean_html(b) for b in BODIES]
    assert [r.history.latest().body for r in records] == [clean_html(b) for b in BODIES]


@pytest.mark.django_db
def test_an_imported_body_with_nothing_left_once_cleaned_is_refused():
    report = import_file(NewsItemResource(), news_file([PAYLOADS[0]]), "news.csv")

    assert [(error.row, error.column) for error in report.errors] == [(2, "正文")]
    assert not NewsItem.objects.exists()


def test_the_admin_stores_cleaned_html(editor_client):
    url = reverse("admin:bulletin_newsitem_add")
    for number, body in enumerate(BODIES):
        response = editor_client.post(
            url,
            {
                "title": f"后台资讯{number}",
                "body": body,
                "attachments-TOTAL_FORMS": "0",
                "attachments-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302, body

    records = NewsItem.objects.filter(title__startswith="后台资讯").order_by("pk")
    assert list(records.values_list("body", flat=True)) == [clean_html(b) for b in BODIES]


@pytest.mark.django_db
@pytest.mark.parametrize("title", PLAIN_TEXT_PAYLOADS)
def test_a_news_page_shows_a_title_as_typed(client, title):
    item = NewsItemFactory(title=title, body="<p>{{ 7|add:7 }}</p>", is_public=True)

    content = client.get(item.get_absolute_url()).content.decode()

    assert escape(title) in content
    assert escape(title) == title or title not in content
    assert "<p>{{ 7|add:7 }}</p>" in content


@pytest.mark.django_db
def test_the_news_list_shows_a_summary_of_the_body_escaped_once(client):
    NewsItemFactory(body="<p>&lt;script&gt; R&amp;D&nbsp;中心 &quot;测试&quot;</p>", is_public=True)

    content = client.get(reverse("bulletin:newsitem-list")).content.decode()

    assert "<p>&lt;script&gt; R&amp;D\xa0中心 &quot;测试&quot;</p>" in content


@pytest.mark.django_db
def test_an_issue_page_shows_highlights_and_titles_as_typed():
    issue = IssueFactory(highlights="\n".join(PLAIN_TEXT_PAYLOADS))
    meeting = MeetingFactory(title=PLAIN_TEXT_PAYLOADS[0], summary=PLAIN_TEXT_PAYLOADS[1])
    IssueMeeting.objects.create(issue=issue, meeting=meeting)

    html = render_html(issue)

    for text in PLAIN_TEXT_PAYLOADS:
        assert escape(text) in html
        assert escape(text) == text or text not in html


def text_between_margins(page, margin=50):
    """The page's text without its running header and page number."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if margin <= y <= page.mediabox.height - margin:
            found.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(found)


def squeeze(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.django_db
def test_the_pdf_prints_plain_text_as_typed_and_rich_text_as_its_cleaned_text():
    issue = IssueFactory(highlights="\n".join(PLAIN_TEXT_PAYLOADS))
    meeting = MeetingFactory(title=PLAIN_TEXT_PAYLOADS[1], summary=PLAIN_TEXT_PAYLOADS[2])
    for order, payload in enumerate(PAYLOADS):
        MeetingSectionFactory(meeting=meeting, body=payload, order=order)
    item = NewsItemFactory(title=PLAIN_TEXT_PAYLOADS[0], body="".join(BODIES))
    IssueMeeting.objects.create(issue=issue, meeting=meeting)
    IssueNewsItem.objects.create(issue=issue, news_item=item)

    reader = PdfReader(io.BytesIO(pdf_document(render_html(issue)).write_pdf()))

    text = squeeze("".join(text_between_margins(page) for page in reader.pages))
    for typed in PLAIN_TEXT_PAYLOADS:
        assert squeeze(typed) in text
    for body in [*PAYLOADS, "".join(BODIES)]:
        assert squeeze(plain_text(clean_html(body))) in text
    actions = [
        annotation.get_object().get("/A", {})
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert {action.get("/S") for action in actions} <= {"/URI", "/GoTo", None}
    assert {scheme(str(a["/URI"])) for a in actions if "/URI" in a} <= URL_SCHEMES - {""}
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root
    assert "/JavaScript" not in root.get("/Names", {})


def depth(html):
    """The deepest nesting of elements in `html`."""
    deepest, open_tags = 0, 0
    for match in re.finditer(r"<(/?)(\w+)", html):
        if match[2] == "br":
            continue
        open_tags += -1 if match[1] else 1
        deepest = max(deepest, open_tags)
    return deepest


def test_a_nesting_bomb_is_flattened_to_the_limit_and_keeps_its_text():
    bomb = "<ul><li>" * 100 + "最深处的文字" + "</li></ul>" * 100  # 1.8 KB, 200 levels

    cleaned = clean_html(bomb)

    assert depth(cleaned) <= 8
    assert plain_text(cleaned) == "最深处的文字"


def test_nesting_within_the_limit_is_kept_as_written():
    nested = (
        "<ul><li>一<ul><li>二<ul><li><strong><em>三</em></strong></li></ul></li></ul></li></ul>"
    )

    assert clean_html(nested) == nested


def test_a_nesting_bomb_saved_as_a_news_body_is_stored_flattened(db):
    item = NewsItemFactory(body="<p>正文</p>" + "<ol><li>" * 100 + "深" + "</li></ol>" * 100)

    item.refresh_from_db()
    assert depth(item.body) <= 8
    assert "深" in item.body


def test_a_nesting_bomb_in_a_news_item_previews_without_error(editor_client):
    issue = Issue.objects.get(year=2022, month=7)
    news = NewsItem.objects.filter(issues=issue).first()
    news.body = "<ul><li>" * 100 + "深层" + "</li></ul>" * 100
    news.save()

    response = editor_client.get(reverse("admin:bulletin_issue_preview_pdf", args=[issue.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
