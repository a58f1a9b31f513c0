"""PostgreSQL's statistics of the columns the public lists' `?q=` searches (common.databases)."""

from django.db import migrations

from common.databases import SearchStatistics


class Migration(migrations.Migration):
    dependencies = [("standards", "0007_one_day_end_date")]

    operations = [
        SearchStatistics(
            "standards_standard",
            ["plan_number", "number", "title", "english_title", "adopted_international"],
        ),
        SearchStatistics("standards_committee", ["name", "short_name", "code"]),
    ]
