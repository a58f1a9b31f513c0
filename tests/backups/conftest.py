import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from meetings.models import MeetingAttachment
from tests.meetings.factories import MeetingFactory


@pytest.fixture
def site(settings, tmp_path):
    """A meeting with an attached file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    attachment = MeetingAttachment(meeting=MeetingFactory(), title="会议纪要")
    attachment.file.save("纪要.pdf", ContentFile(b"%PDF-1.4 minutes"))
    return attachment


@pytest.fixture
def archive(site, tmp_path):
    path = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    return path
