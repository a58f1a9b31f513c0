"""Every public list downloads as CSV and XLSX: exactly its filtered rows, safe to open in Excel."""

import csv
import datetime
import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from standards.models import Standard
from standards.resources import StandardResource
from tests.standards.factories import ReviewFactory, StandardFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "standards:standard",
    "standards:commentrequest",
    "standards:committee",
    "meetings:meeting",
    "bulletin:newsitem",
    "bulletin:issue",
]


def download(client, name, format, query=None):
    response = client.get(reverse(f"{name}-export", kwargs={"format": format}), query or {})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def admin_export(client, model_admin, **query):
    """The admin's export of its changelist (filtered by `query`) as CSV text, every column."""
    url = f"{reverse(f'admin:{model_admin}_export')}?{urlencode(query)}"
    form = client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if hasattr(field, "resource_name")}
    (csv_format,) = [value for value, label in form.fields["format"].choices if label == "csv"]
    response = client.post(url, {**data, "format": csv_format, "resource": 0})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode("utf-8-sig")


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("name", LISTS)
def test_each_list_downloads_every_listed_row_as_csv_and_xlsx(client, public_demo, name):
    total = client.get(reverse(f"{name}-list")).context["total"]

    _, csv_content = download(client, name, "csv")
    _, xlsx_content = download(client, name, "xlsx")

    assert total > 0
    assert len(csv_rows(csv_content)) == total + 1
    assert len(xlsx_rows(xlsx_content)) == total + 1


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_download_has_exactly_the_filtered_rows(client, public_demo, format):
    query = {"level": "gb_t", "q": "道路车辆"}
    total = client.get(reverse("standards:standard-list"), query).context["total"]

    _, content = download(client, "standards:standard", format, query)

    table = csv_rows(content) if format == "csv" else xlsx_rows(content)
    assert 0 < total < Standard.objects.published().count()
    assert len(table) == total + 1
    assert all(row[4] == "推荐性国家标准" and "道路车辆" in row[2] for row in table[1:])


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_chinese(client, public_demo):
    response, content = download(client, "standards:standard", "csv")

    assert content.startswith(b"\xef\xbb\xbf")
    assert "道路车辆".encode() in content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="standards-' in response["Content-Disposition"]


def test_the_csv_is_streamed(client, public_demo):
    response, _ = download(client, "standards:standard", "csv")

    assert isinstance(response, StreamingHttpResponse)


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_a_formula_like_value_is_escaped(client, db, format):
    StandardFactory(title='=HYPERLINK("http://evil.example","点击")', is_public=True)
    StandardFactory(title="+SUM(1,2)", is_public=True)

    _, content = download(client, "standards:standard", format)

    table = csv_rows(content) if format == "csv" else xlsx_rows(content)
    titles = {row[2] for row in table[1:]}
    assert titles == {'\'=HYPERLINK("http://evil.example","点击")', "'+SUM(1,2)"}


def test_an_xlsx_cell_with_a_formula_like_value_is_text(client, db):
    StandardFactory(title="=1+1", is_public=True)

    _, content = download(client, "standards:standard", "xlsx")

    cell = openpyxl.load_workbook(io.BytesIO(content)).active["C2"]
    assert cell.data_type == "s"


def test_internal_records_are_not_downloaded(client, public_demo):
    StandardFactory(title="内部标准不得导出", is_public=False)

    _, content = download(client, "standards:standard", "csv")

    assert "内部标准不得导出" not in content.decode("utf-8-sig")


def test_an_invalid_filter_refuses_the_download(client, public_demo):
    response = client.get(
        reverse("standards:standard-export", kwargs={"format": "csv"}), {"level": "nonsense"}
    )

    assert response.status_code == 400
    assert "level" in response.text


def test_the_list_page_links_the_downloads_with_its_filters(client, public_demo):
    response = client.get(reverse("standards:standard-list"), {"level": "gb_t", "page": 2})

    assert 'href="/standards/export.xlsx?level=gb_t"' in response.text
    assert 'href="/standards/export.csv?level=gb_t"' in response.text


# 审查时间: the latest review, read with the rows rather than a query per row


@pytest.fixture
def reviewed(db):
    """A public standard reviewed twice and one never reviewed: {plan number: its 审查时间}."""
    standard = StandardFactory(plan_number="20229901-T-339", is_public=True)
    ReviewFactory(standard=standard)
    ReviewFactory(
        standard=standard, start_date=datetime.date(2023, 3, 1), end_date=datetime.date(2023, 3, 2)
    )
    StandardFactory(plan_number="20229902-T-339", is_public=True)
    return {"20229901-T-339": "2023.03.01-2023.03.02", "20229902-T-339": ""}


def review_dates(table):
    return {row["计划号"]: row["审查时间"] for row in csv.DictReader(io.StringIO(table))}


def test_a_download_shows_each_standards_latest_review(client, reviewed):
    _, content = download(client, "standards:standard", "csv")

    assert review_dates(content.decode("utf-8-sig")) == reviewed


def test_the_admin_export_shows_each_standards_latest_review(admin_client, reviewed):
    assert review_dates(admin_export(admin_client, "standards_standard")) == reviewed


def test_a_standard_read_without_the_exports_annotation_shows_its_latest_review(reviewed):
    standard = Standard.objects.get(plan_number="20229901-T-339")
    resource = StandardResource()

    assert (
        resource.export_field(resource.fields["review_dates"], standard)
        == reviewed[standard.plan_number]
    )
