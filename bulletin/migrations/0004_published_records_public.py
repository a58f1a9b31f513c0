"""Records reported by an issue published before records had a publication state become public."""

from django.db import migrations
from django.db.models import Q


def make_published_records_public(apps, schema_editor):
    Issue = apps.get_model("bulletin", "Issue")
    Standard = apps.get_model("standards", "Standard")
    published = Issue.objects.filter(revisions__isnull=False).distinct()
    for issue in published:
        Standard.objects.filter(
            Q(reviews__issues=issue) | Q(comment_requests__issues=issue) | Q(meetings__issues=issue)
        ).update(is_public=True)
        for records in (issue.comment_requests, issue.meetings, issue.news):
            records.update(is_public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("bulletin", "0003_newsitem_is_public"),
        ("meetings", "0003_meeting_is_public"),
        ("standards", "0003_is_public"),
    ]

    operations = [
        migrations.RunPython(make_published_records_public, migrations.RunPython.noop),
    ]
