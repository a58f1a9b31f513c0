"""Upgrading a database of the layout before the imports, website, accounts, backups and demo apps
(bulletin 0009 and no imports app) loses nothing: every row of the published issue, its revision
and files, its render jobs, the import jobs and the tasks still queued come through, and the
published issue is served as before."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.models import DBTaskResult

from bulletin.models import Issue, IssueRevision, RenderJob

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("bulletin", "0009_upload_fields"), ("imports", None)]
TABLES = [
    "bulletin_issue",
    "bulletin_issuerevision",
    "bulletin_renderjob",
    "bulletin_issuereview",
    "bulletin_issuecommentrequest",
    "bulletin_issuemeeting",
    "bulletin_issuenewsitem",
    "bulletin_importjob",
    "auth_group_permissions",
]
QUEUED_BEFORE = {
    "bulletin.workflow.publish_issue": "bulletin.tasks.publish_issue",
    "bulletin.previews.render_preview": "bulletin.tasks.render_preview",
    "bulletin.imports.run_import": "imports.tasks.run_import",
}


def page(client, url):
    response = client.get(url)
    content = b"".join(response.streaming_content)
    response.close()
    return content


def rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
        return cursor.fetchall()


def test_a_database_of_the_old_layout_upgrades_with_nothing_lost(published_demo, client):
    issue = Issue.objects.get(year=2022, month=7)
    RenderJob.objects.create(issue=issue, kind=RenderJob.Kind.PREVIEW, status="succeeded")
    page_before = page(client, issue.get_absolute_url())
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        executor.loader.build_graph()
        old = executor.loader.project_state(BEFORE[:1]).apps
        old.get_model("bulletin", "ImportJob").objects.create(
            kind="standards", original_filename="表3.xlsx", status="queued", rows_total=900
        )
        for path in QUEUED_BEFORE:
            DBTaskResult.objects.create(
                task_path=path, args_kwargs={"args": [1], "kwargs": {}}, backend_name="default"
            )
        before = {table: rows(table) for table in TABLES}
        assert all(before[table] for table in TABLES[:-1]), "every kind of row is there to keep"

        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:  # later tests need every migration again
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert {table: rows(table) for table in TABLES} == before
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(
        QUEUED_BEFORE.values()
    )
    assert all(result.task for result in DBTaskResult.objects.all())  # each found in its module
    assert page(client, issue.get_absolute_url()) == page_before
    pdf = client.get(IssueRevision.objects.get(issue=issue).get_pdf_url())
    pdf.close()
    assert pdf.status_code == 200
