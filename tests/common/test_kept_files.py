"""A file chosen in an admin form refused for another field comes back with the next submission."""

import os
import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from bulletin.models import NewsAttachment, NewsItem
from common import kept_files
from meetings.models import MeetingPhoto
from tests import sample_files as files
from tests.admin_pages import change_form_data
from tests.meetings.factories import MeetingFactory

KEPT_LINE = "已保留上次选择的文件：通知.pdf（重新选择可替换）"
TOKEN_FIELD = "attachments-0-file-kept"
SOURCE = "四部门联合公告"


@pytest.fixture
def news_add(editor_client):
    url = reverse("admin:bulletin_newsitem_add")
    data = change_form_data(editor_client.get(url)) | {
        "source": SOURCE,
        "source_url": "https://www.miit.gov.cn/",  # so that an item without a file is saved
        "attachments-TOTAL_FORMS": "1",
        "attachments-0-title": "工业和信息化部公告",
        "attachments-0-order": "0",
    }
    return url, data


def token_in(page):
    match = re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', page)
    return match and match.group(1)


def refused_with(client, url, data, name, content):
    """Post the form without its title, `content` chosen as the attachment; the page shown."""
    response = client.post(url, data | {"attachments-0-file": files.upload(name, content)})
    assert response.status_code == 200
    assert not NewsItem.objects.filter(source=SOURCE).exists()
    return response.content.decode()


def test_a_refused_news_item_keeps_its_chosen_attachment(editor_client, news_add):
    url, data = news_add

    page = refused_with(editor_client, url, data, "通知.pdf", files.pdf())

    assert KEPT_LINE in page
    assert token_in(page)


def test_the_kept_attachment_is_saved_with_the_next_submission(editor_client, news_add):
    url, data = news_add
    token = token_in(refused_with(editor_client, url, data, "通知.pdf", files.pdf()))

    response = editor_client.post(url, data | {"title": "四部门公告", TOKEN_FIELD: token})

    assert response.status_code == 302
    attachment = NewsAttachment.objects.get(news_item__title="四部门公告")
    assert attachment.file.name.endswith("/通知.pdf")
    with attachment.file.open() as stored:
        assert stored.read() == files.pdf()


def test_a_kept_file_stays_kept_when_the_form_is_refused_again(editor_client, news_add):
    url, data = news_add
    token = token_in(refused_with(editor_client, url, data, "通知.pdf", files.pdf()))

    again = editor_client.post(url, data | {TOKEN_FIELD: token}).content.decode()
    editor_client.post(url, data | {"title": "四部门公告", TOKEN_FIELD: token_in(again)})

    assert KEPT_LINE in again
    assert NewsAttachment.objects.get(news_item__source=SOURCE).file.name.endswith("/通知.pdf")


def test_a_new_file_replaces_the_kept_one(editor_client, news_add):
    url, data = news_add
    token = token_in(refused_with(editor_client, url, data, "通知.pdf", files.pdf()))

    editor_client.post(
        url,
        data
        | {
            "title": "四部门公告",
            TOKEN_FIELD: token,
            "attachments-0-file": files.upload("公告.docx", files.docx()),
        },
    )

    assert NewsAttachment.objects.get(news_item__source=SOURCE).file.name.endswith("/公告.docx")


def unsalted(token):
    return signing.dumps(signing.loads(token, salt=kept_files.SALT))


def tampered(token):
    payload = signing.loads(token, salt=kept_files.SALT)
    value = signing.b64_encode(signing.JSONSerializer().dumps(payload | {"name": "通知.PDF"}))
    return value.decode() + token[token.index(":") :]


@pytest.mark.parametrize(
    "forge",
    [lambda token: "not-a-token", unsalted, tampered],
    ids=["garbled", "unsalted", "tampered"],
)
def test_a_forged_token_brings_no_file(editor_client, news_add, forge):
    url, data = news_add
    token = token_in(refused_with(editor_client, url, data, "通知.pdf", files.pdf()))

    response = editor_client.post(url, data | {"title": "四部门公告", TOKEN_FIELD: forge(token)})

    assert response.status_code == 302
    assert not NewsAttachment.objects.get(news_item__source=SOURCE).file


def test_an_expired_token_brings_no_file(editor_client, news_add, settings, monkeypatch):
    url, data = news_add
    token = token_in(refused_with(editor_client, url, data, "通知.pdf", files.pdf()))
    later = time.time() + settings.KEPT_UPLOADS_MAX_AGE_SECONDS + 60
    monkeypatch.setattr(time, "time", lambda: later)

    editor_client.post(url, data | {"title": "四部门公告", TOKEN_FIELD: token})

    assert not NewsAttachment.objects.get(news_item__source=SOURCE).file


def test_a_file_refused_by_its_content_is_not_kept(editor_client, news_add, settings):
    url, data = news_add

    page = refused_with(editor_client, url, data, "通知.pdf", files.HTML)

    assert "不支持此类文件" in page
    assert "已保留" not in page and not token_in(page)
    assert not list(settings.KEPT_UPLOADS_DIR.glob("*"))


def test_a_kept_file_is_checked_again_when_it_comes_back(editor_client, news_add):
    url, data = news_add
    token = kept_files.keep(files.upload("通知.pdf", files.HTML))

    response = editor_client.post(url, data | {"title": "四部门公告", TOKEN_FIELD: token})

    assert response.status_code == 200
    assert "不支持此类文件" in response.content.decode()
    assert not NewsItem.objects.filter(source=SOURCE).exists()


def test_files_kept_longer_than_a_day_are_removed(settings):
    old_token = kept_files.keep(files.upload("通知.pdf", files.pdf()))
    (old,) = settings.KEPT_UPLOADS_DIR.glob("*")
    a_day_ago = time.time() - settings.KEPT_UPLOADS_MAX_AGE_SECONDS - 60
    os.utime(old, (a_day_ago, a_day_ago))

    new_token = kept_files.keep(files.upload("公告.pdf", files.pdf()))

    assert not old.exists()
    assert kept_files.restore(old_token) is None
    assert kept_files.restore(new_token).read() == files.pdf()


def test_kept_files_wait_outside_the_media_folder(settings, editor_client, news_add):
    url, data = news_add
    refused_with(editor_client, url, data, "通知.pdf", files.pdf())

    (kept,) = settings.KEPT_UPLOADS_DIR.glob("*")
    assert not kept.is_relative_to(settings.MEDIA_ROOT)
    assert "通知" not in kept.name


def test_a_meeting_photo_is_kept_too(editor_client):
    meeting = MeetingFactory(title="第十次工作组会议")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_form_data(editor_client.get(url)) | {
        "photos-TOTAL_FORMS": "1",
        "photos-0-meeting": str(meeting.pk),
        "photos-0-caption": "会议现场",
        "photos-0-order": "0",
    }
    photo = files.upload("现场.jpg", files.image("JPEG", size=(40, 30)))

    page = editor_client.post(url, data | {"title": "", "photos-0-image": photo}).content.decode()
    token = re.search(r'name="photos-0-image-kept" value="([^"]+)"', page).group(1)
    response = editor_client.post(url, data | {"photos-0-image-kept": token})

    assert "已保留上次选择的文件：现场.jpg" in page
    assert response.status_code == 302
    assert MeetingPhoto.objects.get(meeting=meeting).image.name.endswith("/现场.jpg")
