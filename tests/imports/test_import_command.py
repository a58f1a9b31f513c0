"""`manage.py import_records`: a file imported whole or not at all, its report printed, a progress
bar on a terminal; the progress hook of the resources."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from common.spreadsheets import import_file
from imports.management.commands import import_records
from standards.models import Committee, Review, Standard
from standards.resources import StandardResource
from tests.standards.factories import CommitteeFactory

pytestmark = pytest.mark.django_db

HEADER = "序号,计划号,项目名称,制修订,领域,审查时间\n"
ROWS = [
    ("20229001-T-339", "道路车辆 命令行导入 第1部分", "制定", "6月28-30日"),
    ("20229002-T-339", "道路车辆 命令行导入 第2部分", "修订", "6月28-30日"),
]


@pytest.fixture
def committee():
    return CommitteeFactory(name="全国汽车标准化技术委员会命令行分会", short_name="命令行测试")


def table(rows, committee_name="命令行测试"):
    lines = [
        f"{number},{plan},{title},{work_type},{committee_name},{review}\n"
        for number, (plan, title, work_type, review) in enumerate(rows, 1)
    ]
    return HEADER + "".join(lines)


@pytest.fixture
def write(tmp_path):
    def write(text, name="standards.csv", encoding="gbk"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


def run(*args, stderr=None):
    stdout = io.StringIO()
    call_command("import_records", *args, stdout=stdout, stderr=stderr or io.StringIO())
    return stdout.getvalue()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_file_is_imported_and_the_summary_printed(committee, write):
    output = run("standards", write(table(ROWS)), "--year", "2022")

    assert output == "已导入：共 2 行，新增 2 条、更新 0 条、跳过 0 条（未改变）。\n"
    standard = Standard.objects.get(plan_number="20229002-T-339")
    assert standard.title == "道路车辆 命令行导入 第2部分"
    assert standard.work_type == Standard.WorkType.REVISION
    assert standard.committee == committee
    review = standard.reviews.get()
    assert (review.start_date, review.end_date) == (
        datetime.date(2022, 6, 28),
        datetime.date(2022, 6, 30),
    )


def test_a_dry_run_reports_and_writes_nothing(committee, write):
    output = run("standards", write(table(ROWS)), "--year", "2022", "--dry-run")

    assert output.startswith("试导入：共 2 行，将新增 2 条")
    assert not Standard.objects.filter(plan_number__startswith="2022900").exists()
    assert not Review.objects.exists()


def test_a_bad_row_fails_the_command_names_row_column_and_value_and_writes_nothing(
    committee, write
):
    rows = [ROWS[0], ("2022-9002", "道路车辆 计划号有误", "制定", "6月28-30日")]

    with pytest.raises(CommandError) as raised:
        run("standards", write(table(rows)), "--year", "2022")

    summary, error = str(raised.value).splitlines()
    assert summary == "共 1 处错误，文件中的记录均未写入。"
    assert error.startswith("第 3 行，“计划号”列（“2022-9002”）：计划号“2022-9002”格式不正确。")
    assert not Standard.objects.filter(title__startswith="道路车辆 ").exists()


def test_an_xlsx_file_and_the_level_option_reach_the_import(tmp_path):
    CommitteeFactory(name="工业和信息化部装备工业一司", kind=Committee.Kind.EXTERNAL)
    workbook = Workbook()
    workbook.active.append(["标准名称", "提出单位", "意见征求期", "意见回复至"])
    workbook.active.append(
        ["汽车命令行测试用分动器", "工业和信息化部装备工业一司", "2022.07.05-2022.08.15", "a@b.cn"]
    )
    path = tmp_path / "table4.xlsx"
    workbook.save(path)

    output = run("comment-requests", str(path), "--level", "表4")

    assert "新增 1 条" in output
    assert Standard.objects.get(title="汽车命令行测试用分动器").level == Standard.Level.INDUSTRY


def test_an_unknown_level_is_refused_before_reading_the_rows(committee, write):
    with pytest.raises(CommandError, match="“表9”不是可选的值"):
        run("standards", write(table(ROWS)), "--level", "表9")


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        run("news", str(tmp_path / "missing.csv"))


# History and round trips, as the rows are now written in batches


def test_each_record_written_gets_its_history_entry_and_an_unchanged_file_writes_nothing(
    committee, write
):
    path = write(table(ROWS))
    run("standards", path, "--year", "2022")

    assert Standard.history.filter(history_type="+").count() == 2
    assert Review.history.filter(history_type="+").count() == 2

    assert "跳过 2 条" in run("standards", path, "--year", "2022")
    assert Standard.history.count() == 2
    assert Review.objects.count() == 2

    changed = [ROWS[0], (*ROWS[1][:2], "制定", ROWS[1][3])]
    assert "更新 1 条、跳过 1 条" in run("standards", write(table(changed)), "--year", "2022")
    (entry,) = Standard.history.filter(history_type="~")
    assert (entry.plan_number, entry.work_type) == ("20229002-T-339", Standard.WorkType.NEW)
    assert Standard.objects.get(plan_number="20229002-T-339").work_type == Standard.WorkType.NEW


# Progress


def test_the_progress_hook_is_called_once_per_row_valid_or_not(committee):
    calls = []
    rows = [ROWS[0], ("2022-9002", "道路车辆 计划号有误", "制定", "6月28-30日"), ROWS[1]]
    resource = StandardResource(progress=lambda done, total: calls.append((done, total)), year=2022)

    report = import_file(resource, table(rows).encode("gbk"), "standards.csv")

    assert not report.ok
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_a_terminal_shows_a_progress_bar_for_a_large_file(committee, write, monkeypatch):
    monkeypatch.setattr(import_records, "PROGRESS_ROWS", 1)
    terminal = Terminal()

    run("standards", write(table(ROWS)), "--year", "2022", stderr=terminal)

    assert "2/2" in terminal.getvalue()


def test_no_bar_when_the_output_is_no_terminal(committee, write, monkeypatch):
    monkeypatch.setattr(import_records, "PROGRESS_ROWS", 1)
    stderr = io.StringIO()

    run("standards", write(table(ROWS)), "--year", "2022", stderr=stderr)

    assert stderr.getvalue() == ""


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, settings, monkeypatch):
    settings.IMPORT_MAX_BYTES = 2**20
    path = tmp_path / "big.csv"
    with path.open("wb") as stream:
        stream.truncate(300 * 2**20)  # sparse: 300 MB that take no room
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))

    with pytest.raises(CommandError, match=r"文件有 300\.0 MB，超过上限 1 MB"):
        call_command("import_records", "news", str(path))
