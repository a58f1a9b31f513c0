"""Uploads are taken for what their bytes are: only documents and photos, named as they are."""

import io
import re

import pytest
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image, ImageFile

from bulletin.models import NewsAttachment, SecretariatProfile
from meetings.models import MeetingAttachment, MeetingPhoto
from tests import sample_files as files
from tests.admin_pages import change_form_data
from tests.bulletin.factories import NewsItemFactory
from tests.meetings.factories import MeetingFactory

AttachmentForm = modelform_factory(MeetingAttachment, fields=["meeting", "title", "file"])
NewsAttachmentForm = modelform_factory(NewsAttachment, fields=["news_item", "title", "file"])
PhotoForm = modelform_factory(MeetingPhoto, fields=["meeting", "image"])
LogoForm = modelform_factory(SecretariatProfile, fields=["name", "address", "logo"])

HOSTILE = [
    ("page.html", files.HTML),
    ("drawing.svg", files.SVG),
    ("helper.js", files.JS),
    ("page.pdf", files.HTML),  # an HTML page with a PDF's name
    ("drawing.png", files.SVG),
    ("helper.pdf", files.JS),
    ("helper.png", files.JS),
    ("site.docx", files.plain_zip()),  # a zip, but no Office package
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(field_file):
    with field_file.storage.open(field_file.name) as file:
        return file.read()


def attach(name, content, form=AttachmentForm, **fields):
    meeting = MeetingFactory()
    data = {"meeting": meeting.pk, "title": "会议材料", **fields}
    return form(data, {"file": files.upload(name, content)})


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_a_meeting_attachment_that_a_browser_would_run_is_refused(name, content):
    form = attach(name, content)

    assert not form.is_valid()
    assert "不支持此类文件" in form.errors["file"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_a_news_attachment_that_a_browser_would_run_is_refused(name, content):
    data = {"news_item": NewsItemFactory().pk, "title": "附件"}
    form = NewsAttachmentForm(data, {"file": files.upload(name, content)})

    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_a_photo_or_logo_that_is_no_photo_is_refused(name, content):
    photo = PhotoForm({"meeting": MeetingFactory().pk}, {"image": files.upload(name, content)})
    logo = LogoForm({"name": "秘书处", "address": "天津"}, {"logo": files.upload(name, content)})

    assert not photo.is_valid()
    assert not logo.is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("纪要.pdf", files.pdf()),
        ("纪要.docx", files.docx()),
        ("计划表.xlsx", files.xlsx()),
        ("旧纪要.doc", files.OLE2),
        ("现场.png", files.image()),
        ("现场.JPG", files.image("JPEG")),
        ("现场.webp", files.image("WEBP")),
        ("现场.gif", files.image("GIF")),
    ],
)
def test_documents_and_photos_are_accepted(name, content):
    form = attach(name, content)

    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_an_office_package_must_carry_its_own_extension():
    form = attach("计划表.xlsx", files.docx())

    assert not form.is_valid()
    assert form.errors["file"] == ["文件扩展名“.xlsx”与内容（DOCX）不符，请改用正确的扩展名。"]


@pytest.mark.django_db
def test_an_attachment_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 2**20
    form = attach("纪要.pdf", files.pdf() + b" " * 2**20)

    assert form.errors["file"] == ["文件过大：最多 1 MB，请压缩或拆分后再上传。"]


@pytest.mark.django_db
def test_an_image_named_as_a_document_is_refused():
    form = attach("纪要.pdf", files.image())

    assert form.errors["file"] == ["文件扩展名“.pdf”与内容（PNG）不符，请改用正确的扩展名。"]


@pytest.mark.django_db
def test_a_stored_name_is_unguessable_and_keeps_the_original_name():
    form = attach("会议 纪要.pdf", files.pdf())
    attachment = form.save()

    assert re.fullmatch(r"attachments/[\w-]{22}/会议_纪要\.pdf", attachment.file.name)


@pytest.mark.django_db
def test_two_uploads_of_one_name_get_two_unrelated_folders():
    first = attach("议程.pdf", files.pdf()).save().file.name
    second = attach("议程.pdf", files.pdf()).save().file.name

    assert first.split("/")[1] != second.split("/")[1]


@pytest.mark.django_db
def test_a_photo_is_re_encoded_upright_without_its_metadata():
    content = files.jpeg_with_exif(size=(60, 40)) + files.HTML  # and trailing bytes
    form = PhotoForm({"meeting": MeetingFactory().pk}, {"image": files.upload("现场.jpg", content)})
    photo = form.save()

    content = stored(photo.image)
    image = Image.open(io.BytesIO(content))
    assert re.fullmatch(r"meetings/photos/[\w-]{22}/现场\.jpg", photo.image.name)
    assert (image.format, image.size) == ("JPEG", (40, 60))  # turned as the camera meant
    assert dict(image.getexif()) == {}
    assert b"PhoneMaker" not in content and b"<script>" not in content


@pytest.mark.django_db
def test_a_large_photo_is_downscaled_to_the_longest_side(settings):
    content = files.image("PNG", size=(3000, 1200))
    form = PhotoForm({"meeting": MeetingFactory().pk}, {"image": files.upload("全景.png", content)})
    photo = form.save()

    assert Image.open(io.BytesIO(stored(photo.image))).size == (settings.IMAGE_MAX_SIDE, 960)


@pytest.mark.django_db
def test_an_image_attachment_is_re_encoded_too():
    form = attach("照片.jpg", files.jpeg_with_exif())
    attachment = form.save()

    assert b"PhoneMaker" not in stored(attachment.file)


@pytest.mark.django_db
def test_a_photo_past_the_pixel_limit_is_refused_from_its_header(tmp_path):
    bomb = files.png_bomb(tmp_path / "bomb.png")
    upload = files.upload("现场.png", bomb.read_bytes())
    form = PhotoForm({"meeting": MeetingFactory().pk}, {"image": upload})

    assert not form.is_valid()
    assert form.errors["image"] == ["图片过大：最多 40 百万像素，请缩小后再上传。"]


@pytest.fixture
def meeting_change(editor_client):
    meeting = MeetingFactory(title="第十次工作组会议")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = change_form_data(editor_client.get(url))
    return meeting, url, data


def test_the_admin_refuses_an_html_attachment_and_keeps_the_form(editor_client, meeting_change):
    meeting, url, data = meeting_change
    data |= {
        "title": "第十次工作组会议（改）",
        "attachments-TOTAL_FORMS": "1",
        "attachments-0-meeting": str(meeting.pk),
        "attachments-0-title": "会议议程",
        "attachments-0-file": files.upload("议程.pdf", files.HTML),
        "attachments-0-order": "0",
    }

    response = editor_client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "不支持此类文件：只能上传PDF、Word、Excel、PowerPoint 文件或" in page
    assert 'value="第十次工作组会议（改）"' in page and 'value="会议议程"' in page
    assert MeetingAttachment.objects.count() == 0
    meeting.refresh_from_db()
    assert meeting.title == "第十次工作组会议"


def test_the_admin_takes_a_pdf_attachment(editor_client, meeting_change):
    meeting, url, data = meeting_change
    data |= {
        "attachments-TOTAL_FORMS": "1",
        "attachments-0-meeting": str(meeting.pk),
        "attachments-0-title": "会议议程",
        "attachments-0-file": files.upload("议程.pdf", files.pdf()),
        "attachments-0-order": "0",
    }

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert meeting.attachments.get().file.name.endswith("/议程.pdf")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["现场.jpg", "照片.png"])
def test_a_truncated_photo_is_refused_with_a_message(name, monkeypatch):
    # WeasyPrint, once imported, has Pillow pad truncated images instead (then they are kept).
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
    whole = files.image("JPEG" if name.endswith("jpg") else "PNG", size=(400, 300), color="red")
    content = whole[: len(whole) // 2]
    photo = PhotoForm({"meeting": MeetingFactory().pk}, {"image": files.upload(name, content)})
    attachment = attach(name, content)

    assert "损坏" in photo.errors["image"][0]  # Django's (图片已经损坏) or ours
    assert attachment.errors["file"] == ["图片文件已损坏或无法识别。"]
