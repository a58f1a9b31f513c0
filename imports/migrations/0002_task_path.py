"""The import task moved from bulletin/imports.py to imports/tasks.py: rows queued before the
upgrade name it there too, or the worker would fail to find it and leave the job queued."""

from django.db import migrations

MOVED = {"bulletin.imports.run_import": "imports.tasks.run_import"}


def rename(apps, paths):
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    for old, new in paths.items():
        results.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    rename(apps, MOVED)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
