import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import translation

from bulletin.models import Issue, IssueRevision
from bulletin.services import make_records_public


@pytest.fixture(autouse=True)
def media_of_its_own(settings, tmp_path):
    """Each test stores files in a folder of its own, never in the developer's media: publishing
    empties its revision's folder before writing."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_PREVIEW_DIR = tmp_path / "import-previews"
    settings.KEPT_UPLOADS_DIR = tmp_path / "kept-uploads"


@pytest.fixture(autouse=True)
def chinese_by_default():
    """Each test starts in Chinese: a request leaves its language active for reverse()."""
    with translation.override("zh-hans"):
        yield


def _test_case_depth(connection):
    return sum(1 for block in connection.atomic_blocks if getattr(block, "_from_testcase", False))


@pytest.fixture(autouse=True)
def commits_as_in_production(monkeypatch):
    """A test runs inside a transaction that never commits, so work queued with on_commit (jobs
    are enqueued so: BackgroundJob.enqueue) would never start. Here the test's own transaction
    counts as autocommit: a callback runs when the outermost block of the code under test ends
    well, as it would at commit, and is dropped with a block that rolls back. The tests of
    enqueueing itself run on transactional_db, with real commits."""
    on_commit, atomic_exit = BaseDatabaseWrapper.on_commit, transaction.Atomic.__exit__

    def on_commit_as_autocommit(connection, func, robust=False):
        if connection.in_atomic_block and len(connection.atomic_blocks) == _test_case_depth(
            connection
        ):
            return func()
        return on_commit(connection, func, robust)

    def exit_as_commit(block, exc_type, exc_value, traceback):
        result = atomic_exit(block, exc_type, exc_value, traceback)
        connection = transaction.get_connection(block.using)
        depth = _test_case_depth(connection)
        if connection.in_atomic_block and len(connection.atomic_blocks) == depth and depth:
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, func, _robust in pending:
                func()
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_as_autocommit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_as_commit)


@pytest.fixture
def demo(db):
    """The July 2022 bulletin loaded as demo data, with the demo users; the issue is a draft."""
    call_command("load_demo", "--draft", stdout=io.StringIO())


@pytest.fixture
def published_demo(db, settings, tmp_path):
    """The demo with its July 2022 issue published, as `make run` leaves it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def editor_client(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="editor"))
    return client


@pytest.fixture
def publisher_client(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="publisher"))
    return client


@pytest.fixture
def public_demo(demo, settings, tmp_path):
    """The demo as visitors see it once the July 2022 issue is published, without rendering it.

    The issue gets a revision with small stand-in files and its records become public, as
    publishing does; tests of the rendering itself use `published_demo`.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    issue = Issue.objects.get(year=2022, month=7)
    revision = IssueRevision(issue=issue, number=1, html_sha256="0" * 64, pdf_sha256="1" * 64)
    revision.html.save("2022-07.html", ContentFile(b"<html>2022-07</html>"), save=False)
    revision.pdf.save("bulletin-2022-07-r1.pdf", ContentFile(b"%PDF-1.7 stand-in"), save=False)
    revision.save()
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.PUBLISHED)
    make_records_public(issue)
    return issue


@pytest.fixture
def download_list(client):
    """A public list's download as bytes: download_list("standards:standard", "csv")."""
    from django.urls import reverse

    def download(name, format):
        response = client.get(reverse(f"{name}-export", kwargs={"format": format}))
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    return download


@pytest.fixture
def english_client(client):
    """A client for /en/ URLs; its requests leave English active, so restore the language after."""
    with translation.override(translation.get_language()):
        yield client
