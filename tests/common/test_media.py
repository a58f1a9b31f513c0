"""Uploaded files are served only with the record they belong to, and inert whatever they hold."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from bulletin.models import NewsAttachment, SecretariatProfile
from imports.models import ImportJob
from meetings.models import MeetingAttachment, MeetingPhoto
from tests import sample_files as files
from tests.bulletin.factories import NewsItemFactory
from tests.meetings.factories import MeetingFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def body(response):
    """The whole body; reading a streamed one to its end also closes its file (closing a
    response twice would close the database connection with it)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def attachment_of(meeting, name="议程.pdf", content=None):
    attachment = MeetingAttachment(meeting=meeting, title="会议议程")
    attachment.file.save(name, ContentFile(content or files.pdf()))
    return attachment


def photo_of(meeting):
    photo = MeetingPhoto(meeting=meeting, caption="会议现场")
    photo.image.save("现场.png", ContentFile(files.image()))
    return photo


def legacy(record, field, name, content):
    """A file stored as before this change: at a guessable path, never checked."""
    stored = default_storage.save(name, ContentFile(content))
    getattr(record, field).name = stored
    record.save()
    return stored


def get(client, name):
    """The file's response, read to its end (kept as `response.body`)."""
    response = client.get(f"/media/{name}")
    response.body = body(response)
    return response


def public_attachment():
    return attachment_of(MeetingFactory(is_public=True)).file.name


def public_photo():
    return photo_of(MeetingFactory(is_public=True)).image.name


@pytest.mark.django_db
def test_a_public_meetings_attachment_is_a_download(client):
    response = get(client, public_attachment())

    assert response.status_code == 200
    assert response.body == files.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E8%AE%AE%E7%A8%8B.pdf"


@pytest.mark.django_db
@pytest.mark.parametrize("stored", [public_attachment, public_photo], ids=["attachment", "photo"])
def test_every_media_response_is_inert(client, stored):
    response = get(client, stored())

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


@pytest.mark.django_db
def test_a_public_photo_is_shown_inline(client):
    response = get(client, public_photo())

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")


@pytest.mark.django_db
def test_a_legacy_html_attachment_is_a_sandboxed_download(client):
    meeting = MeetingFactory(is_public=True)
    name = legacy(attachment_of(meeting), "file", "attachments/2022/06/page.html", files.HTML)

    response = get(client, name)

    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_an_internal_meetings_attachment_and_photo_are_404_for_the_public(client):
    public, internal = MeetingFactory(is_public=True), MeetingFactory(is_public=False)
    names = [attachment_of(internal).file.name, photo_of(internal).image.name]
    served = get(client, attachment_of(public).file.name)

    assert [get(client, name).status_code for name in names] == [404, 404]
    assert served.status_code == 200


@pytest.mark.django_db
def test_an_internal_meetings_files_are_404_at_their_old_guessable_paths(client):
    meeting = MeetingFactory(is_public=False)
    names = [
        legacy(attachment_of(meeting), "file", "attachments/2022/06/议程.pdf", files.pdf()),
        legacy(photo_of(meeting), "image", "meetings/photos/2022/06/现场.png", files.image()),
    ]

    assert [get(client, name).status_code for name in names] == [404, 404]


@pytest.mark.django_db
def test_an_internal_news_items_attachment_is_404_for_the_public(client):
    attachment = NewsAttachment(news_item=NewsItemFactory(is_public=False), title="附件")
    attachment.file.save("通知.pdf", ContentFile(files.pdf()))

    assert get(client, attachment.file.name).status_code == 404


@pytest.mark.django_db
def test_staff_who_may_view_the_meeting_get_its_files(client, django_user_model):
    meeting = MeetingFactory(is_public=False)
    attachment = attachment_of(meeting)
    staff = django_user_model.objects.create_user("viewer", is_staff=True)
    client.force_login(staff)
    refused = get(client, attachment.file.name).status_code

    staff.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(django_user_model.objects.get(pk=staff.pk))

    response = get(client, attachment.file.name)
    assert (refused, response.status_code) == (404, 200)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_uploaded_spreadsheet_is_never_served(client, django_user_model):
    job = ImportJob.objects.create(kind="standards", original_filename="a.xlsx")
    job.file.save("standards.xlsx", ContentFile(files.xlsx()))
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.com", "x"))

    assert job.file.name.startswith("imports/")
    assert get(client, job.file.name).status_code == 404


@pytest.mark.django_db
def test_a_file_no_record_holds_is_not_served(client):
    name = default_storage.save("attachments/2022/06/orphan.pdf", ContentFile(files.pdf()))

    assert get(client, name).status_code == 404


@pytest.mark.django_db
def test_frozen_issue_files_are_left_to_the_issue_pages(client, public_demo):
    revision = public_demo.revisions.get()

    served = client.get(public_demo.get_absolute_url())
    body(served)

    assert get(client, revision.html.name).status_code == 404
    assert served.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["../config/settings/base.py", "attachments/../../x", "./a"])
def test_paths_out_of_storage_are_404(client, path):
    assert client.get(f"/media/{path}").status_code == 404


@pytest.mark.django_db
def test_the_logo_is_public(client):
    profile = SecretariatProfile(name="秘书处", address="天津")
    profile.logo.save("logo.png", ContentFile(files.image()))

    response = get(client, profile.logo.name)
    assert response.status_code == 200


@pytest.mark.django_db
def test_with_accel_redirect_nginx_sends_the_file(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    attachment = attachment_of(MeetingFactory(is_public=True), name="议程.pdf")

    response = get(client, attachment.file.name)

    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + attachment.file.url.removeprefix(
        "/media/"
    )
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_with_accel_redirect_an_internal_file_is_still_404(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    attachment = attachment_of(MeetingFactory(is_public=False))

    response = get(client, attachment.file.name)

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


@pytest.mark.django_db
def test_a_rendition_is_served_with_its_photo_only(client, settings):
    settings.IMAGE_MAX_SIDE = 20
    public, internal = MeetingFactory(is_public=True), MeetingFactory(is_public=False)
    urls = [photo_of(meeting).display_url for meeting in (public, internal)]

    responses = [Client().get(url) for url in urls]
    statuses = [response.status_code for response in responses]
    [body(response) for response in responses]

    assert all("/renditions/" in url for url in urls)
    assert statuses == [200, 404]
