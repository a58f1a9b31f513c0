"""A table imported in batches (common.spreadsheets.writing): a fixed number of queries however many
rows, one transaction whatever the batches, and the history entries simple_history would write."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from common.spreadsheets.writing import create_with_history
from standards.models import Review, Standard
from standards.resources import StandardResource
from tests.standards.factories import CommitteeFactory
from tests.standards.imports import import_standards, messages

pytestmark = pytest.mark.django_db

HEADER = "序号,计划号,项目名称,制修订,领域,阶段,审查时间\n"


@pytest.fixture
def committee():
    return CommitteeFactory(name="全国汽车标准化技术委员会批量分会", short_name="批量测试")


def table(count, last=None):
    lines = [
        f"{n},2030{n:04d}-T-339,道路车辆 批量导入 第{n}部分,制定,批量测试,审查,"
        f"2022.06.{1 + n % 27:02d}-2022.06.{2 + n % 27:02d}\n"
        for n in range(1, count + 1)
    ]
    if last is not None:
        lines[-1] = last
    return (HEADER + "".join(lines)).encode()


def queries_of_import(count):
    with CaptureQueriesContext(connection) as queries:
        report = import_standards(table(count))
    assert (report.errors, report.created) == ([], count)
    Standard.objects.all().delete()
    return len(queries)


def test_the_queries_of_an_import_do_not_grow_with_its_rows(committee):
    few, many = queries_of_import(3), queries_of_import(600)

    assert few == many
    # 20, and 4 for the search index's entries of the new records (search.receivers).
    assert many <= 24


def test_a_bad_last_row_leaves_nothing_of_the_batches_before_it(committee, monkeypatch):
    monkeypatch.setattr(StandardResource._meta, "batch_size", 2)
    bad = "7,2030-0007,道路车辆 计划号有误,制定,批量测试,审查,2022.06.01-2022.06.02\n"

    report = import_standards(table(7, last=bad))

    assert [error.row for error in report.errors] == [8]
    assert "2030-0007" in messages(report)[0]
    assert Standard.objects.count() == Review.objects.count() == 0
    assert Standard.history.count() == Review.history.count() == 0


def test_each_record_gets_the_history_entry_of_its_values_by_the_requests_user(committee):
    user = get_user_model().objects.create_user("editor")
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        report = import_standards(table(3))
    finally:
        del HistoricalRecords.context.request

    assert report.created == 3
    fields = ["id", "plan_number", "title", "level", "work_type", "committee_id", "stage"]
    fields += ["is_public", "created_at", "updated_at"]
    entries = Standard.history.order_by("id")
    assert list(entries.values_list(*fields)) == list(
        Standard.objects.order_by("id").values_list(*fields)
    )
    assert {(entry.history_type, entry.history_user) for entry in entries} == {("+", user)}
    assert all(entry.history_date == entry.created_at for entry in entries)
    assert Review.history.filter(history_type="+", history_user=user).count() == 3


def test_history_entries_are_those_simple_history_writes():
    committee = CommitteeFactory()
    day = datetime.date(2022, 6, 28)

    def standards(prefix):
        return [
            Standard(plan_number=f"{prefix}{n:03d}-T-339", title=f"标准 {n}", level="gb_t")
            for n in range(3)
        ]

    ours, theirs = standards("20231"), standards("20232")
    for records in (ours, theirs):
        for record in records:
            record.committee = committee
    create_with_history(ours)
    bulk_create_with_history(theirs, Standard)
    create_with_history([Review(standard=ours[0], start_date=day, end_date=day)])
    bulk_create_with_history([Review(standard=theirs[0], start_date=day, end_date=day)], Review)

    left_out = {"id", "plan_number", "created_at", "updated_at", "history_id", "history_date"}
    left_out |= {"standard_id", "pk"}

    def entries(model, records):
        values = model.history.filter(id__in=[record.pk for record in records]).values()
        entries = [{k: v for k, v in entry.items() if k not in left_out} for entry in values]
        return sorted(entries, key=repr)

    assert all(record.pk for record in ours)
    assert entries(Standard, ours) == entries(Standard, theirs)
    assert entries(Review, Review.objects.filter(standard=ours[0])) == entries(
        Review, Review.objects.filter(standard=theirs[0])
    )
    assert len(entries(Review, Review.objects.filter(standard=ours[0]))) == 1
