"""Reading uploaded spreadsheets: Chinese Excel's encodings, XLSX cells and the tables' dates."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from common.dates import DateFormatError, parse_date_range
from common.spreadsheets import read_dataset, reading

DATA = Path(__file__).parents[1] / "data"

TABLE_1_TITLES = [
    "道路车辆 电气/电子部件对窄带辐射电磁能的抗扰性试验方法 第11部分:混响室法",
    "汽车用主动红外探测系统",
    "汽车用被动红外探测系统",
    "电动汽车用驱动电机系统功能安全要求及试验方法",
    "道路车辆 基于因特网协议的诊断通信 (DoIP) 第2部分:传输协议与网络层服务",
    "道路车辆 基于因特网协议的诊断通信 (DoIP) 第3部分:基于IEEE 802.3有线车辆接口",
    "道路车辆 基于因特网协议的诊断通信 (DoIP) 第4部分:基于以太网的高速数据链路连接器",
]
TABLE_3_TITLES = [
    "封闭式货车 货物隔离装置及系固点技术要求和试验方法",
    "专用汽车和专用挂车分类、名称及型号编制方法",
    "乘用车行李移动对乘员伤害的安全要求",
    "汽车发动机及驱动电机净功率测试方法",
]


def seed_file(name):
    return (DATA / name).read_bytes()


def xlsx_bytes(rows, tmp_path):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "table.xlsx"
    workbook.save(path)
    return path.read_bytes()


# Encodings


def test_the_gbk_seed_file_is_really_not_utf8():
    # Otherwise the next test would not show that GBK is decoded.
    with pytest.raises(UnicodeDecodeError):
        seed_file("seed-table1.gbk.csv").decode("utf-8")


def test_a_gbk_csv_reads_its_chinese_titles_intact():
    dataset = read_dataset(seed_file("seed-table1.gbk.csv"), "seed-table1.gbk.csv")

    assert dataset["项目名称"] == TABLE_1_TITLES


def test_a_gbk_csv_reads_its_chinese_headers_intact():
    dataset = read_dataset(seed_file("seed-table1.gbk.csv"), "seed-table1.gbk.csv")

    assert dataset.headers == ["序号", "计划号", "项目名称", "制修订", "领域", "审查时间"]


def test_a_gb18030_csv_reads_characters_beyond_gbk():
    content = "标准名称,提出单位\n𠮷字车辆标准,整车分技术委员会\n".encode("gb18030")

    dataset = read_dataset(content, "table.csv")

    assert dataset["标准名称"] == ["𠮷字车辆标准"]


def test_a_utf8_csv_with_a_byte_order_mark_has_a_clean_first_header():
    content = seed_file("seed-table2.utf8-bom.csv")

    dataset = read_dataset(content, "seed-table2.utf8-bom.csv")

    assert content.startswith(b"\xef\xbb\xbf")
    assert dataset.headers[0] == "序号"


def test_a_plain_utf8_csv_reads_its_chinese_titles_intact():
    content = seed_file("seed-table3.gbk.csv").decode("gbk").encode("utf-8")

    dataset = read_dataset(content, "table3.csv")

    assert dataset["标准名称"] == TABLE_3_TITLES


def test_a_tab_separated_table_copied_from_the_bulletin_is_read():
    text = seed_file("seed-table1.gbk.csv").decode("gbk").replace(",", "\t")

    dataset = read_dataset(text.encode("utf-8"), "table1.txt")

    assert dataset["项目名称"] == TABLE_1_TITLES
    assert dataset["审查时间"] == ["6月28-30日"] * 7


def test_a_quoted_csv_cell_keeps_its_commas():
    dataset = read_dataset(seed_file("seed-table2.utf8-bom.csv"), "seed-table2.utf8-bom.csv")

    assert dataset["意见回复至"][0] == "vehicle@miit.gov.cn,并抄送 liushaohui@catarc.ac.cn"


def test_blank_rows_are_left_out():
    content = "标准名称,提出单位\n\n汽车防盗装置,整车\n,\n".encode()

    dataset = read_dataset(content, "table.csv")

    assert dataset.dict == [{"标准名称": "汽车防盗装置", "提出单位": "整车"}]


# XLSX


def test_an_xlsx_table_reads_its_cells():
    dataset = read_dataset(seed_file("seed-table1.xlsx"), "seed-table1.xlsx")

    assert dataset["序号"] == [1, 2, 3, 4, 5, 6, 7]
    assert dataset["项目名称"] == TABLE_1_TITLES


def test_an_xlsx_header_is_stripped_of_spaces(tmp_path):
    content = xlsx_bytes([[" 标准名称 ", "提出单位"], ["汽车防盗装置", "整车"]], tmp_path)

    dataset = read_dataset(content, "table.xlsx")

    assert dataset.headers == ["标准名称", "提出单位"]


def test_a_linked_xlsx_cell_gives_the_address_it_links_to():
    dataset = read_dataset(seed_file("seed-table2.xlsx"), "seed-table2.xlsx")

    assert dataset["网页链接地址"] == [
        f"https://www.example.com/comment-requests/2022-07/table2/{number}"
        for number in range(1, 10)
    ]


def test_an_xlsx_without_links_is_read_as_the_full_read_would(tmp_path, monkeypatch):
    rows = [
        ["序号", "标准名称", "日期", "人数"],
        [1, "汽车防盗装置", datetime.datetime(2022, 6, 17), None],
        [2, None, None, 60.5],
        [None, None, None, None],
        [3, "乘用车", "2022.06.17", 7],
    ]
    content = xlsx_bytes(rows, tmp_path)
    streamed = read_dataset(content, "table.xlsx")
    monkeypatch.setattr(reading, "_has_hyperlinks", lambda content: True)

    assert streamed.dict == read_dataset(content, "table.xlsx").dict
    assert streamed["人数"] == [None, 60.5, 7]


def test_an_xlsx_that_states_a_wrong_size_is_read_whole(tmp_path):
    content = xlsx_bytes([["标准名称", "提出单位"], ["汽车防盗装置", "整车"]], tmp_path)
    archive = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(archive, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B2"', b'<dimension ref="A1:A1"')
                assert b'"A1:A1"' in data
            target.writestr(item, data)

    dataset = read_dataset(archive.getvalue(), "table.xlsx")

    assert dataset.dict == [{"标准名称": "汽车防盗装置", "提出单位": "整车"}]


# The tables' dates


@pytest.mark.parametrize(
    ("value", "year", "start", "end"),
    [
        ("2022.06.17-2022.08.17", None, datetime.date(2022, 6, 17), datetime.date(2022, 8, 17)),
        ("2022.06.17 至 2022.08.17", None, datetime.date(2022, 6, 17), datetime.date(2022, 8, 17)),
        ("2022-06-17", None, datetime.date(2022, 6, 17), datetime.date(2022, 6, 17)),
        ("2022/6/17", None, datetime.date(2022, 6, 17), datetime.date(2022, 6, 17)),
        ("2022年6月21-22日", None, datetime.date(2022, 6, 21), datetime.date(2022, 6, 22)),
        ("2022年6月30日-7月2日", None, datetime.date(2022, 6, 30), datetime.date(2022, 7, 2)),
        (" 2022年6月8日 ", None, datetime.date(2022, 6, 8), datetime.date(2022, 6, 8)),
        # Without a year: the year given.
        ("6月28-30日", 2022, datetime.date(2022, 6, 28), datetime.date(2022, 6, 30)),
        ("6月28日", 2022, datetime.date(2022, 6, 28), datetime.date(2022, 6, 28)),
        ("6月30日-7月2日", 2022, datetime.date(2022, 6, 30), datetime.date(2022, 7, 2)),
        ("12月30日-1月2日", 2022, datetime.date(2022, 12, 30), datetime.date(2023, 1, 2)),
    ],
)
def test_a_date_form_is_parsed_with_its_year_or_else_the_year_given(value, year, start, end):
    assert parse_date_range(value, year=year) == (start, end)


def test_a_year_in_the_text_wins_over_the_year_given():
    assert parse_date_range("2021年6月21-22日", year=2022) == (
        datetime.date(2021, 6, 21),
        datetime.date(2021, 6, 22),
    )


@pytest.mark.parametrize(
    "value", [datetime.date(2022, 6, 17), datetime.datetime(2022, 6, 17, 0, 0)]
)
def test_a_date_cell_is_a_one_day_range(value):
    assert parse_date_range(value) == (datetime.date(2022, 6, 17), datetime.date(2022, 6, 17))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "没有填写日期。"),
        ("六月底", "无法识别日期“六月底”"),
        ("2022.06.17-", "无法识别日期“2022.06.17-”"),
        ("6月28-30日", "“6月28-30日”没有年份：请在导入时指定表中日期的年份。"),
        ("2022.08.17-2022.06.17", "“2022.08.17-2022.06.17”的结束日期早于开始日期。"),
        ("2022年6月30-28日", "“2022年6月30-28日”的结束日期早于开始日期。"),
        ("2022.02.30", "“2022.02.30”中的日期不存在。"),
        ("2022年13月1日", "“2022年13月1日”中的日期不存在。"),
    ],
)
def test_a_date_that_is_not_one_of_the_forms_is_an_error_saying_why(value, message):
    with pytest.raises(DateFormatError) as raised:
        parse_date_range(value)

    assert str(raised.value).startswith(message)


def test_a_date_error_is_a_value_error_for_the_import_to_report():
    assert issubclass(DateFormatError, ValueError)
