"""Upgrading keeps what was already public on the site."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bulletin.models import Issue, IssueRevision
from meetings.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("bulletin", "0003_newsitem_is_public")]
AFTER = [("bulletin", "0004_published_records_public")]


def test_records_of_an_issue_published_before_the_upgrade_become_public(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    issue = Issue.objects.get(year=2022, month=7)
    revision = IssueRevision(issue=issue, number=1, html_sha256="0" * 64, pdf_sha256="1" * 64)
    revision.html.save("2022-07.html", ContentFile(b"<html></html>"), save=False)
    revision.pdf.save("2022-07.pdf", ContentFile(b"%PDF"), save=False)
    revision.save()
    assert not Meeting.objects.published().exists()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        executor.loader.build_graph()
        executor.migrate(AFTER)
        after = executor.loader.project_state(AFTER).apps
    finally:  # later tests need every migration again
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    for model in ["standards.Standard", "standards.CommentRequest", "meetings.Meeting"]:
        records = after.get_model(model).objects
        assert records.count() > 0
        assert not records.filter(is_public=False).exists(), model
    assert not after.get_model("bulletin.NewsItem").objects.filter(is_public=False).exists()
