"""A table pasted on an import page: rows copied from a notice's web page, Word or Excel, read,
previewed and confirmed as an uploaded file is, with or without their header row."""

import datetime

import pytest
from django.urls import reverse

from imports.models import ImportJob
from meetings.models import Meeting
from standards.models import CommentRequest, Review, Standard
from tests.imports.test_admin_imports import confirm, new_standards, upload

pytestmark = pytest.mark.django_db

TABLE_1_HEADER = "序号\t计划号\t项目名称\t制修订\t领域\t审查时间"


def table_1_rows(rows, numbered=True):
    """Rows of 表1 as a web page's table copies: cells between tabs, reviewed on 6月28-30日."""
    return [
        ([str(number)] if numbered else [])
        + [plan_number, title, "制定", "电子与电磁兼容"]
        + ["6月28-30日"]
        for number, (plan_number, title) in enumerate(rows, 1)
    ]


def pasted(rows, header=TABLE_1_HEADER):
    lines = ([header] if header else []) + ["\t".join(row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def paste(client, model, text, **options):
    data = {"resource": "0", "format": "0", "pasted_table": text, "year": "2022", **options}
    return client.post(reverse(f"admin:{model}_import"), data)


@pytest.mark.parametrize(
    ("header", "numbered"),
    [(TABLE_1_HEADER, True), (None, True), (None, False)],
    ids=["with the header", "without the header", "without header or 序号"],
)
def test_pasted_rows_are_previewed_then_confirmed_as_a_file_is(editor_client, header, numbered):
    text = pasted(table_1_rows(new_standards(2), numbered), header)

    response = paste(editor_client, "standards_standard", text)

    assert response.context["confirm_form"] is not None, response.context["form"].errors
    assert "将新增 2 条、更新 0 条、跳过 0 条" in response.text
    assert "道路车辆 导入测试标准 第2部分" in response.text
    assert not Standard.objects.filter(plan_number="20229001-T-339").exists()

    done = confirm(editor_client, "standards_standard", response)

    assert "已导入：共 2 行，新增 2 条" in done.text
    review = Review.objects.get(standard__plan_number="20229002-T-339")
    assert review.standard.title == "道路车辆 导入测试标准 第2部分"
    assert (review.start_date, review.end_date) == (
        datetime.date(2022, 6, 28),
        datetime.date(2022, 6, 30),
    )


@pytest.mark.parametrize(
    ("header", "row"),
    [(TABLE_1_HEADER, 3), (None, 2)],
    ids=["with the header", "without the header"],
)
def test_a_bad_row_is_named_by_its_row_and_column_and_nothing_is_written(
    editor_client, header, row
):
    rows = table_1_rows([("20229001-T-339", "新的推荐性标准"), ("2022-9002", "格式错误的标准")])
    before = Standard.objects.count()

    response = paste(editor_client, "standards_standard", pasted(rows, header))

    assert response.context.get("confirm_form") is None
    (error,) = response.context["import_errors"]
    # The row as pasted: the header, when pasted, is row 1.
    assert (error.row, error.column, error.value) == (row, "计划号", "2022-9002")
    assert f"<td>第 {row} 行</td>" in response.text
    assert Standard.objects.count() == before


def test_a_comment_request_table_with_commas_in_its_cells_reads_by_its_tabs(editor_client):
    text = (
        "序号\t标准名称\t提出单位\t意见征求期\t意见回复至\t网页链接地址\n"
        "1\t汽车导入测试用分动器\t工业和信息化部装备工业一司\t2022.06.17-2022.08.17\t"
        "vehicle@miit.gov.cn,并抄送 liushaohui@catarc.ac.cn\t点击查看详细信息\n"
    )

    response = paste(editor_client, "standards_commentrequest", text, level="表2")
    confirm(editor_client, "standards_commentrequest", response)

    request = CommentRequest.objects.get(standard__title="汽车导入测试用分动器")
    assert request.reply_to == "vehicle@miit.gov.cn,并抄送 liushaohui@catarc.ac.cn"
    assert (request.start_date, request.end_date) == (
        datetime.date(2022, 6, 17),
        datetime.date(2022, 8, 17),
    )


def test_a_cell_excel_holds_on_two_lines_stays_one_cell(editor_client):
    text = (
        "会议名称\t组织单位\t会议时间\t会议概况\n"
        '粘贴测试会议\t整车分技术委员会\t2022年7月20日\t"第一段。\n第二段。"\n'
    )

    response = paste(editor_client, "meetings_meeting", text)
    confirm(editor_client, "meetings_meeting", response)

    meeting = Meeting.objects.get(title="粘贴测试会议")
    assert meeting.summary == "第一段。\n第二段。"
    assert meeting.start_date == meeting.end_date == datetime.date(2022, 7, 20)


def test_rows_without_a_header_of_another_width_are_refused_naming_the_columns(editor_client):
    text = "20229001-T-339\t新的推荐性标准\t制定\n"

    response = paste(editor_client, "standards_standard", text)

    (message,) = response.context["form"].errors["pasted_table"]
    assert message.startswith("粘贴的表格没有表头，却有 3 列")
    assert "序号、计划号、项目名称、制修订、领域、审查时间" in message


def test_a_file_and_a_pasted_table_together_are_refused(editor_client):
    text = pasted(table_1_rows(new_standards(1)))
    data = {
        "resource": "0",
        "format": "0",
        "year": "2022",
        "pasted_table": text,
        "import_file": upload(text.replace("\t", ",").encode()),
    }

    response = editor_client.post(reverse("admin:standards_standard_import"), data)

    assert response.context.get("confirm_form") is None
    assert response.context["form"].errors["pasted_table"] == [
        "请上传文件或粘贴表格，二者选一：不要同时上传文件又粘贴表格。"
    ]
    assert not Standard.objects.filter(plan_number="20229001-T-339").exists()


def test_neither_a_file_nor_a_table_is_refused(editor_client):
    response = paste(editor_client, "standards_standard", "  \r\n ")

    assert response.context["form"].errors["import_file"] == [
        "请选择要导入的文件，或在下面粘贴表格。"
    ]


def test_a_paste_over_the_size_limit_is_refused(editor_client, settings):
    settings.IMPORT_MAX_BYTES = 2**20
    text = pasted(table_1_rows(new_standards(1))) + "x" * 2**20

    response = paste(editor_client, "standards_standard", text)

    (message,) = response.context["form"].errors["pasted_table"]
    assert message.startswith("粘贴的表格超过上限 1 MB")
    assert response.context.get("confirm_form") is None
    assert not Standard.objects.filter(plan_number="20229001-T-339").exists()


def test_a_refused_paste_leaves_no_copy_behind(editor_client, settings):
    rows = table_1_rows([("2022-9002", "格式错误的标准")])

    paste(editor_client, "standards_standard", pasted(rows))

    assert list(settings.IMPORT_PREVIEW_DIR.glob("*")) == []


def test_a_big_paste_without_its_header_runs_in_the_background_numbered_as_pasted(
    editor_client, settings
):
    settings.IMPORT_BACKGROUND_ROWS = 5
    rows = table_1_rows([*new_standards(5), ("2022-9002", "格式错误的标准")])

    response = paste(editor_client, "standards_standard", pasted(rows, header=None))

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.FAILED
    (error,) = job.report["errors"]
    assert error.startswith("第 6 行，“计划号”列（“2022-9002”）：")
