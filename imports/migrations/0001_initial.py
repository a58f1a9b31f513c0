# The import jobs, made by the bulletin app before this one existed (bulletin 0005-0009).
# Their table stays as it is (ImportJob.Meta.db_table): this only takes the model into this app's
# state, and moves its content type, so that its permissions and the groups holding them follow.

import django.db.models.deletion
import imports.registry
from django.conf import settings
from django.db import migrations, models

MODEL = "importjob"


def move_content_type(apps, from_app, to_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = ContentType.objects.db
    old = ContentType.objects.using(db).filter(app_label=from_app, model=MODEL).first()
    if old is None:
        return  # a new database: post_migrate makes the content type and its permissions
    new = ContentType.objects.using(db).filter(app_label=to_app, model=MODEL).first()
    if new is None:
        old.app_label = to_app
        old.save(update_fields=["app_label"])
        return
    # Both exist (post_migrate ran in between): the groups and users get the new permissions.
    for permission in Permission.objects.using(db).filter(content_type=old):
        kept, _ = Permission.objects.using(db).get_or_create(
            content_type=new, codename=permission.codename, defaults={"name": permission.name}
        )
        for group in permission.group_set.all():
            group.permissions.add(kept)
        for user in permission.user_set.all():
            user.user_permissions.add(kept)
    old.delete()


def from_bulletin(apps, schema_editor):
    move_content_type(apps, "bulletin", "imports")


def back_to_bulletin(apps, schema_editor):
    move_content_type(apps, "imports", "bulletin")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The table as the bulletin app's migrations left it.
        ("bulletin", "0009_upload_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('task_id', models.CharField(blank=True, max_length=64, verbose_name='任务编号')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='提交时间')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='开始时间')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
                        ('heartbeat_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='最近心跳')),
                        ('error', models.TextField(blank=True, verbose_name='错误')),
                        ('kind', models.CharField(choices=imports.registry.choices, max_length=20, verbose_name='导入内容')),
                        ('file', models.FileField(upload_to='imports/%Y/%m/', verbose_name='文件')),
                        ('original_filename', models.CharField(max_length=255, verbose_name='文件名')),
                        ('options', models.JSONField(blank=True, default=dict, verbose_name='导入选项')),
                        ('dry_run', models.BooleanField(default=False, verbose_name='仅试导入')),
                        ('status', models.CharField(choices=[('queued', '排队中'), ('running', '导入中'), ('succeeded', '已完成'), ('failed', '失败')], default='queued', max_length=20, verbose_name='状态')),
                        ('rows_total', models.PositiveIntegerField(default=0, verbose_name='总行数')),
                        ('rows_done', models.PositiveIntegerField(default=0, verbose_name='已处理行数')),
                        ('report', models.JSONField(blank=True, default=dict, verbose_name='导入结果')),
                        ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='发起人')),
                    ],
                    options={
                        'verbose_name': '导入任务',
                        'verbose_name_plural': '导入任务',
                        'db_table': 'bulletin_importjob',
                        'ordering': ['-created_at', '-pk'],
                        'abstract': False,
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(from_bulletin, back_to_bulletin),
    ]
