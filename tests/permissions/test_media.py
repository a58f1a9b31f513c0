"""The files of unpublished records: seen only by staff who may view the record, by any URL."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from imports.models import ImportJob
from meetings.models import MeetingAttachment, MeetingPhoto
from tests import sample_files as files

from .routes import ROLES, fetch

STAFF_SEE = {"anonymous": 404, "editor": 200, "publisher": 200, "administrator": 200}


@pytest.fixture
def internal_files(internal):
    """The internal meeting's attachment and photo, uploaded now and stored at the old paths."""
    attachment = MeetingAttachment(meeting=internal.meeting, title="INTERNAL 议程")
    attachment.file.save("议程.pdf", ContentFile(files.pdf()))
    photo = MeetingPhoto(meeting=internal.meeting, caption="INTERNAL 现场")
    photo.image.save("现场.png", ContentFile(files.image()))
    old_attachment = MeetingAttachment.objects.create(
        meeting=internal.meeting,
        title="INTERNAL 旧议程",
        file=default_storage.save("attachments/2022/07/议程.pdf", ContentFile(files.pdf())),
    )
    old_photo = MeetingPhoto.objects.create(
        meeting=internal.meeting,
        image=default_storage.save("meetings/photos/2022/07/现场.png", ContentFile(files.image())),
    )
    return [attachment.file, photo.image, old_attachment.file, old_photo.image]


@pytest.mark.parametrize("role", ROLES)
def test_an_internal_meetings_files_are_for_staff_only(role, client_as, internal_files):
    client = client_as(role)

    statuses = {file.name: fetch(client, file.url)[0].status_code for file in internal_files}

    assert set(statuses.values()) == {STAFF_SEE[role]}, statuses


@pytest.mark.parametrize("role", ROLES)
def test_uploaded_spreadsheets_are_never_served(role, client_as, records):
    job = records[ImportJob]
    job.file.save("standards.xlsx", ContentFile(files.xlsx()))

    assert fetch(client_as(role), job.file.url)[0].status_code == 404
