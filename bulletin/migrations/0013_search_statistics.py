"""PostgreSQL's statistics of the columns the public lists' `?q=` searches (common.databases)."""

from django.db import migrations

from common.databases import SearchStatistics


class Migration(migrations.Migration):
    dependencies = [("bulletin", "0012_newsitem_body_optional")]

    operations = [
        SearchStatistics("bulletin_newsitem", ["title", "body", "source", "region"]),
    ]
