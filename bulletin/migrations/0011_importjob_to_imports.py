# ImportJob now belongs to the imports app (imports 0001), which keeps its table and rows:
# it leaves this app's state only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("bulletin", "0010_task_paths"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportJob")],
            database_operations=[],
        ),
    ]
