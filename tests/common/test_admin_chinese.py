"""The admin in Chinese, the libraries' words too: Django's, django-import-export's and the
rich-text editor's, where their own catalogs have no Chinese (locale/zh_Hans)."""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from bulletin.models import NewsItem
from meetings.models import Meeting

pytestmark = pytest.mark.django_db

# The editor's toolbar tooltips, as django-prose-editor writes them, in Chinese.
TOOLTIPS = {
    "unordered list": "项目符号列表",
    "ordered list": "编号列表",
    "bold": "粗体",
    "italic": "斜体",
    "underline": "下划线",
    "subscript": "下标",
    "superscript": "上标",
    "insert link": "插入链接",
    "remove link": "取消链接",
    "undo": "撤销",
    "redo": "重做",
}
# Words a Chinese page may show as they are: the language switch names English in English.
AS_THEY_ARE = {"English"}


class _Words(HTMLParser):
    """What a reader sees of a page: its text, tooltips and labels, scripts and styles aside.

    Not the icons' alt texts: Django writes some in English, untranslated (alt="Search" by the
    search box, alt="True" on a yes/no column).
    """

    SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._hidden += 1
        self.words += [value for name, value in attrs if name in self.SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.words.append(data)


def english_on(page):
    """The page's words that are English only: a Latin word and no Chinese around it (the
    user's name aside)."""
    parser = _Words()
    parser.feed(page.content.decode())
    words = {unescape(text).strip() for text in parser.words}
    shown_as_they_are = {*AS_THEY_ARE, page.wsgi_request.user.get_username()}
    return sorted(
        text
        for text in words - shown_as_they_are
        if re.search(r"[A-Za-z]{3,}", text) and not re.search(r"[\u4e00-\u9fff]", text)
    )


def test_a_changelist_with_filters_and_a_date_hierarchy_reads_in_chinese(editor_client):
    page = editor_client.get(reverse("admin:meetings_meeting_changelist"))

    assert "Filter by" not in page.text
    assert "Select an option" not in page.text
    assert "按开始日期筛选" in page.text
    assert "- 请选择 -" in page.text
    assert english_on(page) == []


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("admin:meetings_meeting_change", args=[Meeting.objects.first().pk]),
        lambda: reverse("admin:bulletin_newsitem_change", args=[NewsItem.objects.first().pk]),
        lambda: reverse("admin:bulletin_newsitem_add"),
    ],
    ids=["meeting", "news item", "new news item"],
)
def test_a_change_form_with_rich_text_reads_in_chinese(editor_client, url):
    page = editor_client.get(url())

    assert "prose-editor" in page.text
    assert "Select an option" not in page.text
    assert english_on(page) == []


@pytest.mark.parametrize("model", ["standards_standard", "meetings_meeting", "bulletin_newsitem"])
def test_the_import_page_reads_in_chinese(editor_client, model):
    page = editor_client.get(reverse(f"admin:{model}_import"))

    assert english_on(page) == []


def test_the_editor_uses_the_toolbar_that_translates_its_tooltips(editor_client):
    page = editor_client.get(reverse("admin:bulletin_newsitem_add"))

    (config,) = re.findall(r'data-django-prose-editor-configurable="([^"]+)"', page.text)
    config = json.loads(unescape(config))
    assert "Menu" not in config["extensions"]
    assert "TranslatedMenu" in config["extensions"]
    assert any(url.endswith("common/prose-editor-menu.js") for url in config["js_modules"])
    assert finders.find("common/prose-editor-menu.js")


def admin_js_catalog(client):
    script = client.get(reverse("admin:jsi18n")).text
    return json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", script, re.S).group(1))


def test_the_admins_javascript_catalog_has_the_editors_tooltips_in_chinese(editor_client):
    catalog = admin_js_catalog(editor_client)

    assert {title: catalog.get(title) for title in TOOLTIPS} == TOOLTIPS
    assert catalog["Edit Link"] == "编辑链接"


def test_the_tooltips_are_those_the_editor_writes():
    """A new version of the editor that renames a tooltip is caught here, not by an editor."""
    with open(finders.find("django_prose_editor/editor.js"), encoding="utf-8") as bundle:
        editor = bundle.read()

    assert [title for title in TOOLTIPS if f',"{title}")' not in editor] == []


def test_the_calendars_words_are_chinese_too(editor_client):
    catalog = admin_js_catalog(editor_client)

    assert catalog["Today (%(date)s)"] == "今天（%(date)s）"
    assert catalog["%(month)s %(day)s, %(year)s"] == "%(year)s年%(month)s%(day)s日"
