"""Photos stored before uploads were downscaled reach the pages and the PDF small."""

import io
import re
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

from bulletin.rendering.html import render_html
from bulletin.rendering.pdf import render_pdf
from meetings.models import MeetingPhoto
from tests import sample_files as files
from tests.bulletin.factories import IssueFactory
from tests.meetings.factories import MeetingFactory

LEGACY = "meetings/photos/2022/06/现场.jpg"


@pytest.fixture
def issue_with_a_large_photo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = MeetingFactory(is_public=True)
    stored = default_storage.save(LEGACY, ContentFile(files.image("JPEG", size=(3600, 2400))))
    MeetingPhoto.objects.create(meeting=meeting, image=stored, caption="会议现场")
    issue = IssueFactory()
    issue.meetings.add(meeting)
    return issue


def test_the_issue_page_shows_a_rendition_of_a_large_stored_photo(issue_with_a_large_photo):
    html = render_html(issue_with_a_large_photo)

    sources = re.findall(r'<img src="([^"]+)" alt="会议现场"', html)
    assert sources == [f"/media/renditions/{quote(LEGACY)}.jpg"]


def test_the_pdf_embeds_the_photo_downscaled(issue_with_a_large_photo):
    reader = PdfReader(io.BytesIO(render_pdf(issue_with_a_large_photo)))

    sizes = [(image.image.width, image.image.height) for p in reader.pages for image in p.images]
    assert set(sizes) == {(2400, 1600)}  # the pages share one image


def test_a_small_photo_is_shown_as_it_is(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = MeetingPhoto(meeting=MeetingFactory())
    photo.image.save("小图.png", ContentFile(files.image()))

    assert photo.display_url == photo.image.url


def test_the_pdf_embeds_photos_from_a_separate_media_origin(issue_with_a_large_photo, settings):
    settings.MEDIA_URL = "https://media-bulletin.example.net/media/"
    html = render_html(issue_with_a_large_photo)
    assert 'src="https://media-bulletin.example.net/media/renditions/' in html

    reader = PdfReader(io.BytesIO(render_pdf(issue_with_a_large_photo, html=html)))

    assert [image for page in reader.pages for image in page.images]
