"""PostgreSQL's statistics of the columns the public lists' `?q=` searches (common.databases)."""

from django.db import migrations

from common.databases import SearchStatistics


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_one_day_end_date")]

    operations = [
        SearchStatistics("meetings_meeting", ["title", "city", "venue"]),
    ]
