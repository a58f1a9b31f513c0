"""SQLite's planner gets its statistics after the writes that change the tables' sizes."""

import pytest
from django.db import connection
from django.tasks import task

from common.databases import analyze
from tests.standards.factories import StandardFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum analyzes"),
]


@task
def add_standards(count):
    StandardFactory.create_batch(count)


def standards_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'standards_standard' LIMIT 1")
        found = cursor.fetchone()
    return int(found[0].split()[0]) if found else None


def test_analyze_counts_the_rows_for_the_planner():
    StandardFactory.create_batch(5)

    analyze()

    assert standards_rows() == 5


def test_a_finished_background_task_leaves_the_statistics_current():
    analyze()
    before = standards_rows()

    add_standards.enqueue(7)  # run here, as the tests' tasks backend does

    assert standards_rows() == (before or 0) + 7
