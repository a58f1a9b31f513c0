"""Spreadsheet imports in the admin: our reader, the import options, our error report, and big
files imported as background tasks."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from django.urls import reverse
from openpyxl import Workbook

from bulletin.models import NewsItem
from imports import registry, services
from imports.models import ImportJob
from standards.models import CommentRequest, Committee, Review, Standard
from standards.resources import StandardResource

pytestmark = pytest.mark.django_db

TABLE_1_HEADER = "序号,计划号,项目名称,制修订,领域,审查时间\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def table_1(*rows):
    """Rows of 表1 (plan number, title) reviewed on 6月28-30日, as CSV text."""
    lines = [
        f"{number},{plan_number},{title},制定,电子与电磁兼容,6月28-30日\n"
        for number, (plan_number, title) in enumerate(rows, 1)
    ]
    return TABLE_1_HEADER + "".join(lines)


def new_standards(count):
    return [(f"2022{9001 + n}-T-339", f"道路车辆 导入测试标准 第{n + 1}部分") for n in range(count)]


def upload(content, name="standards.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def preview(client, model, content, name="standards.csv", **options):
    data = {"resource": "0", "format": "0", "import_file": upload(content, name)}
    data.update(options)
    return client.post(reverse(f"admin:{model}_import"), data)


def confirm(client, model, response):
    initial = response.context["confirm_form"].initial
    data = {key: value for key, value in initial.items() if value is not None}
    return client.post(reverse(f"admin:{model}_process_import"), data, follow=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Reading files


def test_a_gbk_csv_with_chinese_headers_previews_then_confirms(editor_client):
    content = table_1(*new_standards(2)).encode("gbk")

    response = preview(editor_client, "standards_standard", content, year="2022")

    assert response.context["confirm_form"] is not None
    assert "将新增 2 条、更新 0 条、跳过 0 条" in response.text
    assert "道路车辆 导入测试标准 第1部分" in response.text
    assert not Standard.objects.filter(plan_number="20229001-T-339").exists()

    done = confirm(editor_client, "standards_standard", response)

    assert "已导入：共 2 行，新增 2 条" in done.text
    standard = Standard.objects.get(plan_number="20229002-T-339")
    assert standard.title == "道路车辆 导入测试标准 第2部分"
    assert standard.committee.short_name == "电子与电磁兼容"


def test_a_utf8_csv_with_a_byte_order_mark_previews_then_confirms(editor_client):
    content = "\ufeff标题,日期,地区,正文,信息来源\n导入测试资讯,2022-06-20,中国,正文一段。,秘书处\n"

    response = preview(editor_client, "bulletin_newsitem", content.encode(), name="news.csv")
    done = confirm(editor_client, "bulletin_newsitem", response)

    assert done.status_code == 200
    news = NewsItem.objects.get(title="导入测试资讯")
    assert news.date == datetime.date(2022, 6, 20)
    assert news.source == "秘书处"


def test_an_xlsx_file_previews_then_confirms(editor_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["名称", "简称", "类别"])
    sheet.append(["导入测试分技术委员会", "导入测试", "分技术委员会"])
    content = io.BytesIO()
    workbook.save(content)

    response = preview(
        editor_client, "standards_committee", content.getvalue(), name="committees.xlsx"
    )
    confirm(editor_client, "standards_committee", response)

    assert Committee.objects.get(name="导入测试分技术委员会").short_name == "导入测试"


def test_the_import_page_offers_only_our_format(editor_client):
    response = editor_client.get(reverse("admin:standards_standard_import"))

    assert [label for _value, label in response.context["form"].fields["format"].choices] == [
        "CSV 或 XLSX"
    ]


# Errors


def test_a_bad_row_is_reported_by_row_column_and_value_and_nothing_is_written(editor_client):
    rows = [("20229001-T-339", "新的推荐性标准"), ("2022-9002", "格式错误的标准")]
    before = Standard.objects.count()

    response = preview(
        editor_client, "standards_standard", table_1(*rows).encode("gbk"), year="2022"
    )

    assert response.context.get("confirm_form") is None
    (error,) = response.context["import_errors"]
    assert (error.row, error.column, error.value) == (3, "计划号", "2022-9002")
    assert "<td>第 3 行</td>" in response.text
    assert "<td>计划号</td>" in response.text
    assert "<td>2022-9002</td>" in response.text
    assert "格式不正确" in response.text
    assert Standard.objects.count() == before


def test_a_missing_column_is_reported_once_for_the_file(editor_client):
    response = preview(
        editor_client, "standards_standard", "序号,计划号\n1,20229001-T-339\n".encode()
    )

    assert [str(error) for error in response.context["import_errors"]] == [
        "缺少必需的列：项目名称（表头中有：计划号）。"
    ]
    assert response.context.get("confirm_form") is None


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "standards.csv", "文件是空的。"),
        (PNG, "photo.png", "无法读取这个文件：请上传 XLSX 或 CSV 文件。"),
        (TABLE_1_HEADER.encode("gbk"), "standards.csv", "文件只有表头，没有数据行。"),
    ],
)
def test_a_file_that_is_no_table_is_refused_with_our_message(editor_client, content, name, message):
    response = preview(editor_client, "standards_standard", content, name=name)

    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [message]
    assert response.context.get("confirm_form") is None


def test_a_file_over_the_size_limit_is_refused_with_our_message(editor_client, settings):
    settings.IMPORT_MAX_BYTES = 2**20

    response = preview(editor_client, "standards_standard", b"a" * (2**20 + 1))

    assert "超过上限 1 MB" in response.context["form"].errors["import_file"][0]


def test_a_file_that_fails_at_confirming_writes_nothing_and_says_why(editor_client):
    committee = Committee.objects.create(name="导入测试分技术委员会", kind=Committee.Kind.SC)
    content = f"计划号,项目名称,领域\n20229001-T-339,导入测试标准,{committee.name}\n"
    response = preview(editor_client, "standards_standard", content.encode("gbk"))
    committee.delete()  # by someone else, before the import is confirmed

    done = confirm(editor_client, "standards_standard", response)

    assert done.redirect_chain[-1][0] == reverse("admin:standards_standard_import")
    assert "文件中的记录均未写入。" in done.text
    assert "第 2 行，“领域”列（“导入测试分技术委员会”）：找不到" in done.text
    assert not Standard.objects.filter(plan_number="20229001-T-339").exists()


# Options


def test_the_year_option_dates_a_table_without_years(editor_client):
    response = preview(
        editor_client,
        "standards_standard",
        table_1(*new_standards(1)).encode("gbk"),
        year="2022",
    )
    confirm(editor_client, "standards_standard", response)

    review = Review.objects.get(standard__plan_number="20229001-T-339")
    assert (review.start_date, review.end_date) == (
        datetime.date(2022, 6, 28),
        datetime.date(2022, 6, 30),
    )


def test_the_year_defaults_to_this_year(editor_client):
    response = editor_client.get(reverse("admin:standards_standard_import"))

    assert response.context["form"]["year"].value() == datetime.date.today().year


def test_the_level_option_gives_a_new_standard_the_level_of_the_table(editor_client):
    content = (
        "序号,标准名称,提出单位,意见征求期,意见回复至\n"
        "1,汽车导入测试用分动器,变速器分技术委员会,2022.07.05-2022.08.15,a@example.com\n"
    ).encode("gbk")

    response = preview(editor_client, "standards_commentrequest", content, level="表4")
    confirm(editor_client, "standards_commentrequest", response)

    comment_request = CommentRequest.objects.get(standard__title="汽车导入测试用分动器")
    assert comment_request.standard.level == Standard.Level.INDUSTRY


def test_without_the_level_option_such_a_row_is_an_error(editor_client):
    content = (
        "序号,标准名称,提出单位,意见征求期,意见回复至\n"
        "1,汽车导入测试用分动器,变速器分技术委员会,2022.07.05-2022.08.15,a@example.com\n"
    ).encode("gbk")

    response = preview(editor_client, "standards_commentrequest", content)

    assert "无法确定标准层级" in response.text
    assert response.context.get("confirm_form") is None


# Big files in the background


@pytest.fixture
def small_threshold(settings, media):
    settings.IMPORT_BACKGROUND_ROWS = 5


def test_a_big_file_is_imported_as_a_background_job(editor_client, small_threshold):
    content = table_1(*new_standards(6)).encode("gbk")

    response = preview(editor_client, "standards_standard", content, year="2022")

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:imports_importjob_change", args=[job.pk])
    assert job.kind == "standards"
    assert job.options == {"year": 2022}
    assert job.status == ImportJob.Status.SUCCEEDED
    assert job.rows_done == job.rows_total == 6
    assert job.report["created"] == 6
    assert job.task_id
    assert Standard.objects.filter(plan_number__startswith="2022900").count() == 6
    assert Review.objects.get(standard__plan_number="20229006-T-339").start_date.year == 2022


def test_the_job_page_shows_the_message_and_the_progress(editor_client, small_threshold):
    content = table_1(*new_standards(6)).encode("gbk")

    page = editor_client.post(
        reverse("admin:standards_standard_import"),
        {"resource": "0", "format": "0", "import_file": upload(content), "year": "2022"},
        follow=True,
    )

    assert page.status_code == 200
    assert "文件较大，已在后台导入，可在此查看进度。" in page.text
    assert "6 / 6 行" in page.text
    assert "已导入：共 6 行，新增 6 条" in page.text


def test_a_failing_big_file_keeps_its_errors_on_the_job_and_writes_nothing(
    editor_client, small_threshold
):
    rows = [*new_standards(5), ("2022-9002", "格式错误的标准")]
    before = Standard.objects.count()

    response = preview(
        editor_client, "standards_standard", table_1(*rows).encode("gbk"), year="2022"
    )

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.rows_done == job.rows_total == 6
    (error,) = job.report["errors"]
    assert error.startswith("第 7 行，“计划号”列（“2022-9002”）：")
    assert Standard.objects.count() == before
    page = editor_client.get(response.url)
    assert "第 7 行，“计划号”列（“2022-9002”）" in page.text
    assert "共 1 处错误，文件中的记录均未写入。" in page.text


def test_a_file_at_the_threshold_is_still_previewed(editor_client, small_threshold):
    response = preview(
        editor_client, "standards_standard", table_1(*new_standards(5)).encode(), year="2022"
    )

    assert response.status_code == 200
    assert response.context["confirm_form"] is not None
    assert not ImportJob.objects.exists()


def test_a_job_records_its_progress_as_it_goes(demo, media, monkeypatch, django_user_model):
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    recorded = []
    record = services.ProgressMixin.record_progress
    monkeypatch.setattr(
        services.ProgressMixin,
        "record_progress",
        lambda resource, done: recorded.append(done) or record(resource, done),
    )
    content = table_1(*new_standards(5)).encode("gbk")
    editor = django_user_model.objects.get(username="editor")

    job = services.queue_import(
        registry.get("standards").resource_class, content, "big.csv", {"year": 2022}, editor
    )

    assert recorded == [2, 4]
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (ImportJob.Status.SUCCEEDED, 5, 5)


def test_editors_see_the_jobs_of_what_they_may_import(editor_client, small_threshold):
    preview(editor_client, "standards_standard", table_1(*new_standards(6)).encode("gbk"))

    changelist = editor_client.get(reverse("admin:imports_importjob_changelist"))

    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == 1
    assert "6 / 6 行" in changelist.text
    assert not changelist.context["has_add_permission"]


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_progress_is_seen_while_the_import_is_still_uncommitted():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite allows one writer: the progress shows when the import commits")
    job = ImportJob.objects.create(kind="standards", original_filename="big.csv")
    resource = services.progress_resource(StandardResource)(job.pk)
    other = connections.create_connection("default")
    try:
        with transaction.atomic():
            resource.record_progress(300)
            with other.cursor() as cursor:
                cursor.execute("SELECT rows_done FROM bulletin_importjob WHERE id = %s", [job.pk])
                assert cursor.fetchone() == (300,)
    finally:
        resource.close_progress()
        other.close()


def test_the_page_of_a_running_job_refreshes_itself(editor_client):
    job = ImportJob.objects.create(
        kind="standards",
        original_filename="big.csv",
        status=ImportJob.Status.RUNNING,
        rows_total=10000,
        rows_done=1200,
    )

    page = editor_client.get(reverse("admin:imports_importjob_change", args=[job.pk]))

    assert "1200 / 10000 行" in page.text
    assert '<meta http-equiv="refresh"' in page.text


def test_jobs_are_hidden_from_those_who_may_not_import_their_kind(client, django_user_model):
    job = ImportJob.objects.create(kind="standards", original_filename="big.csv")
    client.force_login(django_user_model.objects.create_user("visitor", is_staff=True))

    page = client.get(reverse("admin:imports_importjob_change", args=[job.pk]))

    assert page.status_code == 403
