"""Helpers shared by the import tests: the seed's tables as files, and what the database holds."""

from pathlib import Path

from common.spreadsheets import import_file
from standards.models import CommentRequest, Committee, Review, Standard
from standards.resources import CommentRequestResource, StandardResource

DATA = Path(__file__).parents[1] / "data"

TABLE_1_HEADER = "序号,计划号,项目名称,制修订,领域,审查时间\n"
TABLE_2_HEADER = "序号,标准名称,提出单位,意见征求期,意见回复至,网页链接地址\n"
NEW_ROW = ("20229001-T-339", "道路车辆 导入测试标准", "制定", "电子与电磁兼容", "6月28-30日")
PROPOSER = "工业和信息化部装备工业一司"
NEW_REQUEST = ("道路车辆 导入测试标准", PROPOSER, "2022.06.17-2022.08.17", "vehicle@miit.gov.cn")

COMMENT_REQUEST_TABLES = [
    # file, table option, level, rows
    ("seed-table2.utf8-bom.csv", "表2", "gb", 9),
    ("seed-table3.gbk.csv", "表3", "gb_t", 4),
    ("seed-table4.gbk.csv", "表4", "qc_t", 1),
]
# Their 网页链接地址 cells link to an address; the demo has no links.
LINKED_TABLES = [
    ("seed-table2.xlsx", "表2", "gb", 9),
    ("seed-table3.xlsx", "表3", "gb_t", 4),
    ("seed-table4.xlsx", "表4", "qc_t", 1),
]


def seed(name):
    return (DATA / name).read_bytes()


def table_1(*rows):
    lines = [",".join((str(number), *row)) + "\n" for number, row in enumerate(rows, 1)]
    return (TABLE_1_HEADER + "".join(lines)).encode()


def table_2(*rows):
    lines = [",".join((str(number), *row, "")) + "\n" for number, row in enumerate(rows, 1)]
    return (TABLE_2_HEADER + "".join(lines)).encode()


def import_standards(content, filename="table1.csv", **options):
    return import_file(StandardResource(**options), content, filename)


def import_comment_requests(content, filename="table2.csv", **options):
    return import_file(CommentRequestResource(**options), content, filename)


def snapshot():
    """Every stored value of the records an import may write, timestamps included."""
    return {
        model: list(model.objects.order_by("pk").values_list())
        for model in (Committee, Standard, Review, CommentRequest)
    }


def messages(report):
    return [str(error) for error in report.errors]


def reviewed_standards():
    """Table 1 as stored: the standards with a plan number and their reviews."""
    return sorted(
        Standard.objects.exclude(plan_number="").values_list(
            "plan_number",
            "title",
            "level",
            "work_type",
            "committee__name",
            "reviews__start_date",
            "reviews__end_date",
        )
    )


def comment_requests(level):
    return sorted(
        CommentRequest.objects.filter(standard__level=level).values_list(
            "standard__title",
            "standard__level",
            "proposer__name",
            "start_date",
            "end_date",
            "reply_to",
        )
    )
