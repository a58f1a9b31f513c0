"""News as the seed prints it: often only a title, a source and an attachment, without a body."""

import re

import pytest
from django.urls import reverse

from bulletin.models import IssueNewsItem, NewsAttachment, NewsItem
from bulletin.rendering.html import render_html
from tests import sample_files as files
from tests.admin_pages import change_form_data
from tests.bulletin.factories import IssueFactory, NewsItemFactory

pytestmark = pytest.mark.django_db

TITLE = "四部门：2021年中国乘用车企业平均燃料消耗5.1升/百公里"
NOTHING_TO_READ = "这条资讯没有内容：请填写正文、添加附件或填写来源链接，至少其一。"


@pytest.fixture
def bodiless():
    item = NewsItemFactory(title=TITLE, body="", is_public=True)
    NewsAttachment.objects.create(
        news_item=item, title="四部门公告", url="https://www.miit.gov.cn/gonggao.html"
    )
    return item


def text_of(html):
    """The text of markup, without its tags (the document keeps runs together in spans)."""
    return re.sub(r"<[^>]+>", "", html)


def article_of(html, title):
    for article in re.findall(r"<article[^>]*>.*?</article>", html, re.S):
        if title in text_of(re.search(r"<h2[^>]*>.*?</h2>", article, re.S).group(0)):
            return article
    raise AssertionError(f"no article titled {title}")


def assert_no_empty_body(html):
    assert not re.search(r"<p[^>]*>\s*</p>", html)
    assert not re.search(r'<div class="rich-text"[^>]*>\s*</div>', html)
    assert "None" not in html


def test_the_issue_prints_a_news_item_without_a_body_without_an_empty_paragraph(bodiless):
    issue = IssueFactory()
    IssueNewsItem.objects.create(issue=issue, news_item=bodiless)

    article = article_of(render_html(issue), TITLE)

    assert_no_empty_body(article)
    assert "四部门公告" in text_of(article) and "信息来源：工业和信息化部官网" in text_of(article)


def test_the_news_pages_show_an_item_without_a_body_without_an_empty_paragraph(client, bodiless):
    detail = client.get(bodiless.get_absolute_url()).text
    listing = client.get(reverse("bulletin:newsitem-list")).text

    assert_no_empty_body(detail.split("<article>")[1].split("</article>")[0])
    card = listing.split(TITLE)[1].split("</li>")[0]
    assert_no_empty_body(card)


@pytest.fixture
def news_add(editor_client):
    url = reverse("admin:bulletin_newsitem_add")
    data = change_form_data(editor_client.get(url)) | {"title": TITLE, "source": "工信部官网"}
    return url, data


ATTACHED = {
    "attachments-TOTAL_FORMS": "1",
    "attachments-0-title": "四部门公告",
    "attachments-0-order": "0",
}


@pytest.mark.parametrize(
    "what",
    [
        {"body": "<p>公告显示，行业平均燃料消耗量为5.10升/100公里。</p>"},
        {"source_url": "https://www.miit.gov.cn/"},
        ATTACHED | {"attachments-0-url": "https://www.miit.gov.cn/gonggao.html"},
        ATTACHED | {"attachments-0-file": "pdf"},
    ],
    ids=["body", "source-link", "linked-attachment", "attached-file"],
)
def test_the_admin_takes_a_news_item_with_a_body_an_attachment_or_a_link(
    editor_client, news_add, what
):
    url, data = news_add
    if what.get("attachments-0-file") == "pdf":
        what = what | {"attachments-0-file": files.upload("公告.pdf", files.pdf())}

    response = editor_client.post(url, data | what)

    assert response.status_code == 302
    assert NewsItem.objects.filter(title=TITLE).exists()


@pytest.mark.parametrize(
    "what",
    [
        {"body": "<p></p>"},  # what the editor posts when left empty
        ATTACHED,  # an attachment row with neither a file nor a link
    ],
    ids=["empty-editor", "empty-attachment"],
)
def test_the_admin_refuses_a_news_item_with_nothing_but_its_title(editor_client, news_add, what):
    url, data = news_add

    response = editor_client.post(url, data | what)

    assert response.status_code == 200
    assert NOTHING_TO_READ in response.content.decode()
    assert not NewsItem.objects.filter(title=TITLE).exists()


def test_deleting_the_only_attachment_of_a_bodiless_item_is_refused(editor_client, bodiless):
    url = reverse("admin:bulletin_newsitem_change", args=[bodiless.pk])
    data = change_form_data(editor_client.get(url)) | {"attachments-0-DELETE": "on"}

    response = editor_client.post(url, data)

    assert NOTHING_TO_READ in response.content.decode()
    assert bodiless.attachments.exists()
