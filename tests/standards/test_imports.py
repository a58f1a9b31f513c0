"""Importing the bulletin's tables (表1–表4): the seed's files give the demo's records; headers,
dry runs and updates."""

import datetime

import pytest

from common.spreadsheets import import_file
from standards.models import CommentRequest, Review, Standard
from standards.resources import CommentRequestResource, StandardResource
from tests.standards.imports import (
    COMMENT_REQUEST_TABLES,
    LINKED_TABLES,
    NEW_ROW,
    PROPOSER,
    comment_requests,
    import_comment_requests,
    import_standards,
    reviewed_standards,
    seed,
    snapshot,
    table_1,
)

# The seed bulletin's tables


@pytest.mark.parametrize("name", ["seed-table1.gbk.csv", "seed-table1.xlsx"])
def test_seed_table_1_imports_into_the_demo_as_unchanged(demo, name):
    before = snapshot()

    report = import_standards(seed(name), name, year=2022)

    assert report.errors == []
    assert (report.created, report.updated, report.skipped) == (0, 0, 7)
    assert snapshot() == before


@pytest.mark.parametrize(("name", "table", "level", "rows"), COMMENT_REQUEST_TABLES)
def test_a_seed_comment_request_table_imports_into_the_demo_as_unchanged(
    demo, name, table, level, rows
):
    before = snapshot()

    report = import_comment_requests(seed(name), name, level=table)

    assert report.errors == []
    assert (report.created, report.updated, report.skipped) == (0, 0, rows)
    assert snapshot() == before


@pytest.mark.parametrize(("name", "table", "level", "rows"), LINKED_TABLES)
def test_a_linked_seed_table_imports_into_the_demo_as_the_same_requests(
    demo, name, table, level, rows
):
    before = comment_requests(level)
    standards = Standard.objects.count()

    report = import_comment_requests(seed(name), name, level=table)

    assert report.errors == []
    assert report.created == 0
    assert report.updated + report.skipped == rows
    assert comment_requests(level) == before
    assert Standard.objects.count() == standards


@pytest.mark.parametrize("name", ["seed-table1.gbk.csv", "seed-table1.xlsx"])
def test_seed_table_1_creates_the_demo_standards_and_reviews(demo_committees, name):
    report = import_standards(seed(name), name, year=2022)

    assert report.errors == []
    assert (report.created, report.updated, report.skipped) == (7, 0, 0)
    assert reviewed_standards() == demo_committees["standards"]
    assert len(demo_committees["standards"]) == Review.objects.count() == 7


@pytest.mark.parametrize(("name", "table", "level", "rows"), COMMENT_REQUEST_TABLES + LINKED_TABLES)
def test_a_seed_comment_request_table_creates_the_demo_requests(
    demo_committees, name, table, level, rows
):
    report = import_comment_requests(seed(name), name, level=table)

    assert report.errors == []
    assert (report.created, report.updated, report.skipped) == (rows, 0, 0)
    assert comment_requests(level) == demo_committees["comment_requests"][level]
    assert len(comment_requests(level)) == rows


def test_seed_table_1_a_second_time_adds_no_second_review(demo_committees):
    import_standards(seed("seed-table1.gbk.csv"), "seed-table1.gbk.csv", year=2022)

    report = import_standards(seed("seed-table1.xlsx"), "seed-table1.xlsx", year=2022)

    assert report.skipped == 7
    assert Review.objects.count() == 7


# Headers


def test_english_headers_are_accepted(demo):
    content = (
        "No.,plan_number,Title,Work type,Committee,Review dates\n"
        "1,20229001-T-339,道路车辆 英文表头测试,New,电子与电磁兼容,2022-06-28\n"
    ).encode()

    report = import_standards(content)

    assert report.errors == []
    standard = Standard.objects.get(plan_number="20229001-T-339")
    assert (standard.title, standard.level, standard.work_type, standard.committee.name) == (
        "道路车辆 英文表头测试",
        "gb_t",
        "new",
        "电子与电磁兼容分技术委员会",
    )
    assert list(standard.reviews.values_list("start_date", "end_date")) == [
        (datetime.date(2022, 6, 28), datetime.date(2022, 6, 28))
    ]


def test_english_comment_request_headers_are_accepted(demo):
    content = (
        "Standard,Proposer,Comment period,Reply to,Link\n"
        f"道路车辆 英文表头测试,{PROPOSER},2022.06.17-2022.08.17,a@catarc.ac.cn,"
        "https://www.example.com/1\n"
    ).encode()

    report = import_comment_requests(content, level="GB/T")

    assert report.errors == []
    request = CommentRequest.objects.get(standard__title="道路车辆 英文表头测试")
    assert (request.standard.level, request.proposer.name, request.link) == (
        "gb_t",
        PROPOSER,
        "https://www.example.com/1",
    )


# Dry runs and updates


def test_a_dry_run_reports_what_would_change_and_writes_nothing(demo):
    before = snapshot()
    unchanged = ("20193384-T-339", "汽车用被动红外探测系统", *NEW_ROW[2:])
    changed = ("20193383-T-339", "汽车用主动红外探测系统（修订稿）", *NEW_ROW[2:])

    report = import_file(
        StandardResource(year=2022), table_1(NEW_ROW, changed, unchanged), "t.csv", dry_run=True
    )

    assert report.errors == []
    assert (report.total, report.created, report.updated, report.skipped) == (3, 1, 1, 1)
    assert report.dry_run
    assert snapshot() == before


def test_a_dry_run_of_a_seed_table_writes_nothing(demo_committees):
    report = import_file(
        CommentRequestResource(level="表2"),
        seed("seed-table2.utf8-bom.csv"),
        "seed-table2.utf8-bom.csv",
        dry_run=True,
    )

    assert report.created == 9
    assert not Standard.objects.exists()
    assert not CommentRequest.objects.exists()


def test_a_changed_title_updates_the_standard_of_its_plan_number(demo):
    standard = Standard.objects.get(plan_number="20193383-T-339")
    count = Standard.objects.count()
    content = "计划号,项目名称\n20193383-T-339,汽车用主动红外探测系统（修订稿）\n".encode()

    report = import_standards(content)

    assert (report.created, report.updated) == (0, 1)
    assert list(
        Standard.objects.filter(plan_number="20193383-T-339").values_list("pk", "title")
    ) == [(standard.pk, "汽车用主动红外探测系统（修订稿）")]
    assert Standard.objects.count() == count


def test_an_update_keeps_the_columns_the_file_does_not_have(demo):
    before = Standard.objects.filter(plan_number="20193383-T-339").values_list(
        "level", "work_type", "committee", "stage"
    )
    content = "计划号,项目名称\n20193383-T-339,汽车用主动红外探测系统（修订稿）\n".encode()

    import_standards(content)

    assert list(
        Standard.objects.filter(plan_number="20193383-T-339").values_list(
            "level", "work_type", "committee", "stage"
        )
    ) == list(before)
