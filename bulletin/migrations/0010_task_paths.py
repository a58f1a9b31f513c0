"""The tasks moved to bulletin/tasks.py: rows queued before the upgrade name them there too.

A row naming the old path would fail in the worker (the module is gone) and leave its job queued
for ever, which blocks the next publishing of its issue.
"""

from django.db import migrations

MOVED = {
    "bulletin.workflow.publish_issue": "bulletin.tasks.publish_issue",
    "bulletin.previews.render_preview": "bulletin.tasks.render_preview",
}


def rename(apps, schema_editor, paths):
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    for old, new in paths.items():
        results.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, MOVED)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("bulletin", "0009_upload_fields"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
