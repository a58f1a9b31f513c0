"""Links in a published PDF lead where its reader, away from the site, can follow them: absolute
on SITE_URL, never on the address the document was laid out at before."""

import io
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from pypdf import PdfReader

from bulletin import services
from bulletin.models import Issue, IssueRevision, NewsAttachment
from meetings.models import MeetingAttachment
from tests import sample_files

pytestmark = pytest.mark.django_db

SITE_URL = "https://bulletin.example.org"


def link_targets(pdf):
    """The URI of every link annotation of the PDF, page by page."""
    targets = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


@pytest.fixture
def published_with_attachments(demo, settings):
    settings.SITE_URL = SITE_URL
    User = get_user_model()
    editor, publisher = (User.objects.get(username=name) for name in ("editor", "publisher"))
    issue = Issue.objects.get(year=2022, month=7)
    meeting = issue.meetings.order_by("pk").first()
    news_item = issue.news.order_by("pk").first()
    attachments = [
        MeetingAttachment(meeting=meeting, title="会议纪要"),
        NewsAttachment(news_item=news_item, title="通知全文"),
    ]
    for attachment in attachments:
        attachment.file.save("附件.pdf", ContentFile(sample_files.pdf()), save=False)
        attachment.save()
    news_item.body += '<p>详见<a href="/standards/">标准目录</a>。</p>'
    news_item.save()
    services.transition(issue, "submit", editor)
    services.transition(issue, "approve", publisher)
    services.transition(issue, "publish", publisher)
    with IssueRevision.objects.get(issue=issue).pdf.open("rb") as file:
        return file.read(), attachments


def test_the_links_of_a_published_pdf_are_absolute_on_the_site_url(published_with_attachments):
    pdf, attachments = published_with_attachments

    targets = link_targets(pdf)

    assert not [target for target in targets if "bulletin.invalid" in target]
    for attachment in attachments:
        assert f"{SITE_URL}{attachment.file.url}" in targets
    assert f"{SITE_URL}/standards/" in targets  # a page of the site linked in a text
    assert all(urlsplit(target).scheme in {"https", "http", "mailto"} for target in targets)
