"""Upgrading a database made before the imports app: its import jobs, their requesters and the
permissions groups hold on them all come through, now the imports app's."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from imports.models import ImportJob

pytestmark = pytest.mark.django_db(transaction=True)

# The schema of main before the imports app: bulletin 0009 and every other app's latest, but for
# the apps that came later and need a later bulletin (subscriptions).
BEFORE = [("bulletin", "0009_upload_fields"), ("imports", None), ("subscriptions", None)]

STARTED = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
JOBS = [
    {
        "kind": "standards",
        "original_filename": "表1.xlsx",
        "options": {"year": 2022, "level": "表3"},
        "status": "succeeded",
        "rows_total": 7,
        "rows_done": 7,
        "report": {"total": 7, "created": 7, "updated": 0, "skipped": 0, "errors": []},
        "task_id": "0b6a3c8e-1f59-4a55-9f43-5c6f0d3e2a11",
        "started_at": STARTED,
        "finished_at": STARTED + datetime.timedelta(minutes=2),
        "heartbeat_at": STARTED + datetime.timedelta(minutes=1),
    },
    {
        "kind": "comment-requests",
        "original_filename": "表4.csv",
        "options": {"level": "表4"},
        "status": "failed",
        "rows_total": 3,
        "rows_done": 3,
        "report": {"total": 3, "errors": ["第 2 行，“计划号”列（“2022-9002”）：格式不正确。"]},
        "error": "",
        "dry_run": True,
    },
    {"kind": "meetings", "original_filename": "会议.csv", "status": "running", "rows_total": 900},
    {"kind": "news", "original_filename": "资讯.csv", "file": "imports/2022/07/news.csv"},
    {"kind": "committees", "original_filename": "委员会.xlsx", "status": "failed", "error": "x"},
]


def test_import_jobs_and_the_permissions_on_them_survive_the_upgrade():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        executor.loader.build_graph()
        others = [
            node
            for node in executor.loader.graph.leaf_nodes()
            if node[0] not in {app for app, _migration in BEFORE}
        ]
        before = executor.loader.project_state([*BEFORE[:1], *others]).apps
        OldJob = before.get_model("bulletin", "ImportJob")
        OldGroup = before.get_model("auth", "Group")
        OldPermission = before.get_model("auth", "Permission")
        requester = before.get_model(settings.AUTH_USER_MODEL).objects.create(
            username="importer", is_staff=True
        )
        watchers = OldGroup.objects.create(name="导入任务查看")
        watchers.permissions.add(
            OldPermission.objects.get(content_type__app_label="bulletin", codename="view_importjob")
        )
        requester.groups.add(watchers)
        for fields in JOBS:
            OldJob.objects.create(requested_by=requester, **fields)
        rows = list(OldJob.objects.order_by("pk").values())

        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:  # later tests need every migration again
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()

    assert list(ImportJob.objects.order_by("pk").values()) == rows
    jobs = ImportJob.objects.order_by("pk")
    assert [job.requested_by.username for job in jobs] == ["importer"] * len(JOBS)
    # The kinds stored before the registry existed are the kinds the apps register.
    assert [job.get_kind_display() for job in jobs] == [
        "标准",
        "征求意见",
        "会议",
        "行业资讯",
        "委员会或机构",
    ]
    group = Group.objects.get(name="导入任务查看")
    assert [(p.content_type.app_label, p.codename) for p in group.permissions.all()] == [
        ("imports", "view_importjob")
    ]
    user = get_user_model().objects.get(username="importer")
    assert user.has_perm("imports.view_importjob")
    assert not ContentType.objects.filter(app_label="bulletin", model="importjob").exists()
    assert ContentType.objects.get_for_model(ImportJob).app_label == "imports"
    # Each of the four permissions once, on the moved content type.
    codenames = ContentType.objects.get_for_model(ImportJob).permission_set.values_list(
        "codename", flat=True
    )
    assert sorted(codenames) == [
        "add_importjob",
        "change_importjob",
        "delete_importjob",
        "view_importjob",
    ]
