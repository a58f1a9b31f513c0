"""Bad rows and bad files: every error by row, column and value, and nothing written."""

import random

import pytest
from pypdf import PdfWriter

from common.spreadsheets import RowError, import_file, reading
from standards.models import Standard
from standards.resources import CommentRequestResource, StandardResource
from tests.standards.imports import (
    NEW_REQUEST,
    NEW_ROW,
    PROPOSER,
    TABLE_1_HEADER,
    import_comment_requests,
    import_standards,
    messages,
    snapshot,
    table_1,
    table_2,
)

# Rows in error: reported by row, column and value; nothing written


def test_a_bad_plan_number_is_reported_and_nothing_written(demo):
    before = snapshot()
    content = table_1(NEW_ROW, ("2022-T-339", "道路车辆 计划号有误", *NEW_ROW[2:]))

    report = import_standards(content, year=2022)

    assert messages(report) == [
        "第 3 行，“计划号”列（“2022-T-339”）：计划号“2022-T-339”格式不正确。"
        + str(Standard._meta.get_field("plan_number").help_text)
    ]
    assert snapshot() == before


def test_a_plan_number_of_another_level_is_reported_and_nothing_written(demo):
    before = snapshot()
    content = ("计划号,项目名称,层级\n20229001-T-339,道路车辆 层级有误,GB\n").encode()

    report = import_standards(content)

    assert messages(report) == [
        "第 2 行，“计划号”列（“20229001-T-339”）：计划号 20229001-T-339 属于“推荐性国家标准”，"
        "与所选层级“强制性国家标准”不一致。"
    ]
    assert snapshot() == before


# Each of these rows has one mistake: its message is among the report's

ROW_MISTAKES = [
    pytest.param(
        import_standards,
        table_1(
            NEW_ROW, ("20229002-T-339", "道路车辆 日期有误", "制定", "电子与电磁兼容", "六月底")
        ),
        {"year": 2022},
        "第 3 行，“审查时间”列（“六月底”）：无法识别日期“六月底”：可写作 2022.06.17-2022.08.17、"
        "2022-06-17、2022年6月21-22日或 6月28-30日。",
        id="bad-date",
    ),
    pytest.param(
        import_standards,
        table_1(NEW_ROW),
        {},
        "第 2 行，“审查时间”列（“6月28-30日”）："
        "“6月28-30日”没有年份：请在导入时指定表中日期的年份。",
        id="date-without-a-year-when-none-was-given",
    ),
    pytest.param(
        import_comment_requests,
        table_2(
            NEW_REQUEST,
            ("道路车辆 日期颠倒", PROPOSER, "2022.08.17-2022.06.17", "vehicle@miit.gov.cn"),
        ),
        {"level": "表2"},
        "第 3 行，“意见征求期”列（“2022.08.17-2022.06.17”）："
        "“2022.08.17-2022.06.17”的结束日期早于开始日期。",
        id="end-before-the-start",
    ),
    pytest.param(
        import_standards,
        table_1(
            NEW_ROW,
            ("20229002-T-339", "道路车辆 领域有误", "制定", "电子与电磁兼容分委会", "6月28-30日"),
        ),
        {"year": 2022},
        "第 3 行，“领域”列（“电子与电磁兼容分委会”）：找不到“电子与电磁兼容分委会”："
        "请先在委员会与机构中添加。相近的有：电子与电磁兼容分技术委员会、电子与电磁兼容。",
        id="unknown-committee-with-its-close-matches",
    ),
    pytest.param(
        import_standards,
        table_1(NEW_ROW, ("20229002-T-339", "道路车辆 制修订有误", "制订", *NEW_ROW[3:])),
        {"year": 2022},
        "第 3 行，“制修订”列（“制订”）：“制订”不是可选的值（制定、修订）。",
        id="work-type-not-among-the-choices",
    ),
    pytest.param(
        import_comment_requests,
        table_2(NEW_REQUEST),
        {},
        "第 2 行，“层级”列：无法确定标准层级：请填写“层级”列，或导入时选择表2/表3/表4。",
        id="new-standard-of-unknown-level",
    ),
]


@pytest.mark.parametrize(("import_rows", "content", "options", "message"), ROW_MISTAKES)
def test_a_mistake_in_a_row_is_reported_and_nothing_written(
    demo, import_rows, content, options, message
):
    before = snapshot()

    report = import_rows(content, **options)

    assert message in messages(report)
    assert snapshot() == before


def test_an_unknown_proposer_is_reported_and_nothing_written(demo):
    before = snapshot()
    unknown = ("道路车辆 提出单位有误", "工信部装备一司", "2022.06.17-2022.08.17", "a@catarc.ac.cn")

    report = import_comment_requests(table_2(NEW_REQUEST, unknown), level="表2")

    assert any(
        message.startswith("第 3 行，“提出单位”列（“工信部装备一司”）：找不到“工信部装备一司”")
        for message in messages(report)
    )
    assert snapshot() == before


def test_a_reply_to_without_an_address_is_reported_and_nothing_written(demo):
    before = snapshot()
    no_address = ("道路车辆 回复地址有误", PROPOSER, "2022.06.17-2022.08.17", "秘书处")

    report = import_comment_requests(table_2(NEW_REQUEST, no_address), level="表2")

    assert [error.row for error in report.errors] == [3]
    assert (report.errors[0].column, report.errors[0].value) == ("意见回复至", "秘书处")
    assert snapshot() == before


def test_a_duplicate_plan_number_in_the_file_names_the_earlier_row_and_nothing_written(demo):
    before = snapshot()
    content = table_1(NEW_ROW, ("20229002-T-339", "道路车辆 另一标准", *NEW_ROW[2:]), NEW_ROW)

    report = import_standards(content, year=2022)

    assert messages(report) == ["第 4 行，“计划号”列（“20229001-T-339”）：与第 2 行重复。"]
    assert snapshot() == before


def test_a_duplicate_comment_request_in_the_file_names_the_earlier_row_and_nothing_written(demo):
    before = snapshot()

    report = import_comment_requests(table_2(NEW_REQUEST, NEW_REQUEST), level="表2")

    assert messages(report) == ["第 3 行，“标准名称”列（“道路车辆 导入测试标准”）：与第 2 行重复。"]
    assert snapshot() == before


def test_one_bad_row_among_good_ones_writes_none_of_them(demo):
    before = snapshot()
    changed = ("20193383-T-339", "汽车用主动红外探测系统（修订稿）", *NEW_ROW[2:])
    second = ("20229002-T-339", "道路车辆 导入测试标准 第2部分", *NEW_ROW[2:])
    bad = ("2022-T-339", "道路车辆 计划号有误", *NEW_ROW[2:])

    report = import_standards(table_1(NEW_ROW, changed, second, bad), year=2022)

    assert {error.row for error in report.errors} == {5}
    assert not Standard.objects.filter(plan_number__in=["20229001-T-339", "20229002-T-339"])
    assert snapshot() == before


@pytest.mark.parametrize(
    ("resource", "options", "content"),
    [
        (
            StandardResource,
            {"year": 2022},
            table_1((*NEW_ROW[:4], "六月底")),
        ),
        (
            StandardResource,
            {"year": 2022},
            table_1((*NEW_ROW[:3], "电子与电磁兼容分委会", "6月28-30日")),
        ),
        (
            CommentRequestResource,
            {"level": "表2"},
            table_2(("汽车防盗装置", PROPOSER, "2022.08.17-2022.06.17", "vehicle@miit.gov.cn")),
        ),
        (CommentRequestResource, {}, table_2(NEW_REQUEST)),
    ],
    ids=["bad-date", "unknown-committee", "end-before-start", "unknown-level"],
)
def test_a_row_with_one_mistake_gets_one_error(demo, resource, options, content):
    report = import_file(resource(**options), content, "table.csv")

    assert len(report.errors) == 1


# Files that cannot be imported: one error for the file; nothing written


def test_a_missing_required_column_is_reported_and_nothing_written(demo):
    before = snapshot()
    content = "序号,计划号,制修订\n1,20229001-T-339,制定\n".encode()

    report = import_standards(content)

    assert report.errors[0] == RowError(
        None, "", "", "缺少必需的列：项目名称（表头中有：计划号、制修订）。"
    )
    assert snapshot() == before


def test_a_missing_required_column_is_the_only_error(demo):
    content = "序号,计划号,制修订\n1,20229001-T-339,制定\n2,20229002-T-339,制定\n".encode()

    report = import_standards(content)

    assert messages(report) == ["缺少必需的列：项目名称（表头中有：计划号、制修订）。"]


@pytest.mark.parametrize(
    "content", [b"", b"\xef\xbb\xbf", b" \r\n\r\n", b",,,\r\n,,,\r\n"], ids=repr
)
def test_an_empty_file_is_refused(demo, content):
    before = snapshot()

    report = import_standards(content)

    assert report.errors == [RowError(None, "", "", "文件是空的。")]
    assert snapshot() == before


def test_a_file_with_only_its_header_is_refused(demo):
    before = snapshot()

    report = import_standards(TABLE_1_HEADER.encode("gbk"))

    assert report.errors == [RowError(None, "", "", "文件只有表头，没有数据行。")]
    assert snapshot() == before


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (PNG, "table.png"),
        (PNG, "table.csv"),
        (random.Random(1).randbytes(4096), "table.xlsx"),
        (b"PK\x03\x04" + random.Random(2).randbytes(4096), "table.xlsx"),
        (b"PK\x03\x04" + random.Random(3).randbytes(4096), "table.csv"),
    ],
    ids=["png", "png-named-csv", "random-named-xlsx", "broken-zip", "broken-zip-named-csv"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(demo, content, filename):
    before = snapshot()

    report = import_standards(content, filename)

    assert report.errors == [RowError(None, "", "", "无法读取这个文件：请上传 XLSX 或 CSV 文件。")]
    assert snapshot() == before


def pdf_bytes(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    path = tmp_path / "bulletin.pdf"
    writer.write(path)
    return path.read_bytes()


def test_a_pdf_is_refused_as_not_a_spreadsheet(demo, tmp_path):
    report = import_standards(pdf_bytes(tmp_path), "bulletin-2022-07.pdf")

    assert report.errors == [RowError(None, "", "", "无法读取这个文件：请上传 XLSX 或 CSV 文件。")]


def test_a_pdf_writes_nothing(demo, tmp_path):
    before = snapshot()

    report = import_standards(pdf_bytes(tmp_path), "bulletin-2022-07.pdf")

    assert not report.ok
    assert snapshot() == before


def test_a_file_over_the_size_limit_is_refused_before_its_rows_are_read(demo, monkeypatch):
    before = snapshot()
    read = []
    monkeypatch.setattr(reading, "decode", lambda *args: read.append(args))
    monkeypatch.setattr(reading, "_xlsx_rows", lambda *args: read.append(args))
    row = ",".join(("1", *NEW_ROW)).encode() + b"\n"
    content = TABLE_1_HEADER.encode() + row * (20 * 2**20 // len(row) + 1)

    report = import_standards(content, year=2022)

    assert len(content) > 20 * 2**20
    assert report.errors == [
        RowError(None, "", "", "文件有 20.0 MB，超过上限 10 MB：请分成几个文件导入。")
    ]
    assert read == []
    assert snapshot() == before
