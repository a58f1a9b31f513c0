"""Every public list downloads as CSV and XLSX: exactly its filtered rows, safe to open in Excel."""

import csv
import datetime
import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import StreamingHttpResponse
from django.urls import resolve, reverse
from django.utils.functional import Promise

from bulletin.models import Issue, IssueRevision
from common.spreadsheets import value_columns
from common.spreadsheets.reading import FORMULA_TRIGGERS
from standards.models import Standard
from standards.resources import StandardResource
from tests.bulletin.factories import IssueFactory, NewsItemFactory
from tests.meetings.factories import MeetingFactory
from tests.standards.factories import (
    CommentRequestFactory,
    CommitteeFactory,
    ReviewFactory,
    StandardFactory,
)

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


# The rows: what django-import-export's export_resource gives, read as plain values


def list_view(name):
    return resolve(reverse(f"{name}-export", kwargs={"format": "csv"})).func.view_class


def resource_rows(name, query=None):
    """The header and the rows the list's resource exports one record at a time (as the admin's
    export does) for the list's records, filtered by `query`, with the formula guard."""
    view = list_view(name)
    queryset = view.queryset.all()
    if query:
        queryset = view.filterset_class(query, queryset=queryset).qs
    resource = view.resource_class()
    records = resource.filter_export(queryset)
    rows = [[guarded(value) for value in resource.export_resource(record)] for record in records]
    return [resource.get_export_headers(), *rows]


def guarded(value):
    value = str(value) if isinstance(value, Promise) else value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def table(content, format):
    if format == "csv":
        return csv_rows(content)
    # An empty cell is left out of the sheet and reads as None.
    return [[value if value is not None else "" for value in row] for row in xlsx_rows(content)]


@pytest.fixture
def awkward_records(public_demo):
    """Public records with what a column may trip on: empty and missing values, formula-like
    text, values no longer among the choices, two reviews on the same day, Chinese."""
    bare = StandardFactory(
        title='=HYPERLINK("http://evil.example","点击")',
        plan_number="",
        number="",
        committee=None,
        is_public=True,
    )
    StandardFactory(
        title="\t制表符开头的标准",
        level=Standard.Level.INTERNATIONAL,
        work_type=Standard.WorkType.REVISION,
        adopted_international="-ISO 26262",
        english_title="@Road vehicles",
        committee=CommitteeFactory(name="+委员会", short_name="", code="-1"),
        is_public=True,
    )
    reviewed = StandardFactory(title="道路车辆 同日两次审查", is_public=True)
    for end in (datetime.date(2023, 3, 2), datetime.date(2023, 3, 5)):
        ReviewFactory(standard=reviewed, start_date=datetime.date(2023, 3, 1), end_date=end)
    Standard.objects.filter(pk=bare.pk).update(stage="withdrawn", work_type="")
    CommentRequestFactory(
        standard=StandardFactory(
            level=Standard.Level.INTERNATIONAL, plan_number="", is_public=True
        ),
        reply_to="+86 10 1234 5678",
        link="",
        is_public=True,
    )
    MeetingFactory(
        title="@全体会议",
        participant_count=None,
        participant_count_qualifier="",
        city="",
        organiser=CommitteeFactory(name="=组织单位"),
        is_public=True,
    )
    NewsItemFactory(title="-下降 5%", date=None, source="", is_public=True)
    CommitteeFactory(name="-委员会", code="", parent=CommitteeFactory(name="上级委员会"))
    issue = IssueFactory(
        year=2000, month=1, number=1, highlights="=1+1", status=Issue.Status.PUBLISHED
    )
    IssueRevision.objects.create(issue=issue, number=1, html_sha256="0", pdf_sha256="1")


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize("name", LISTS)
def test_a_download_has_the_rows_the_resource_exports(client, awkward_records, name, format):
    _, content = download(client, name, format)

    assert table(content, format) == resource_rows(name)


FILTERED = [
    ("standards:standard", {"level": "gb_t", "q": "道路车辆"}),
    ("standards:standard", {"committee": "", "stage": "review"}),
    ("standards:commentrequest", {"level": "intl"}),
    ("meetings:meeting", {"q": "会议"}),
    ("bulletin:newsitem", {"q": "下降"}),
]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize(("name", "query"), FILTERED)
def test_a_filtered_download_has_the_rows_the_resource_exports(
    client, awkward_records, name, query, format
):
    _, content = download(client, name, format, query)

    rows = resource_rows(name, query)
    assert 1 < len(rows) < len(resource_rows(name))
    assert table(content, format) == rows


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_a_download_without_rows_has_the_header(client, public_demo, format):
    _, content = download(client, "standards:standard", format, {"q": "没有这样的标准"})

    assert table(content, format) == [StandardResource().get_export_headers()]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_chinese_is_intact_in_both_formats(client, awkward_records, format):
    _, content = download(client, "standards:standard", format)

    titles = [row[2] for row in table(content, format)]
    assert "道路车辆 同日两次审查" in titles
    assert "'\t制表符开头的标准" in titles


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_both_downloads_are_streamed(client, public_demo, format):
    response, _ = download(client, "standards:standard", format)

    assert isinstance(response, StreamingHttpResponse)


def test_a_column_read_by_a_dehydrate_method_must_say_how_it_reads_from_a_row(db):
    class Undeclared(StandardResource):
        def export_values(self, queryset):
            return {}

    with pytest.raises(ImproperlyConfigured, match="review_dates"):
        value_columns(Undeclared(), Standard.objects.all())
