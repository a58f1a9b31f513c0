"""The admin's export escapes formulas as the public downloads do, in CSV and in XLSX."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.standards.factories import StandardFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","点击")'


def admin_export(client, model_admin, format):
    url = reverse(f"admin:{model_admin}_export")
    form = client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if hasattr(field, "resource_name")}
    (chosen,) = [value for value, label in form.fields["format"].choices if label == format]
    response = client.post(url, {**data, "format": chosen, "resource": 0})
    assert response.status_code == 200
    return response.content


@pytest.fixture
def formulas():
    StandardFactory(title=FORMULA)
    StandardFactory(title="+SUM(1,2)")
    StandardFactory(title="@cmd", english_title="-2+3")


def test_the_admin_offers_csv_and_xlsx_only(admin_client):
    form = admin_client.get(reverse("admin:standards_standard_export")).context["form"]

    assert [label for _value, label in form.fields["format"].choices if _value] == ["csv", "xlsx"]


def test_the_admins_csv_has_each_formula_behind_an_apostrophe(admin_client, formulas):
    content = admin_export(admin_client, "standards_standard", "csv").decode("utf-8-sig")

    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["项目名称"] for row in rows} == {f"'{FORMULA}", "'+SUM(1,2)", "'@cmd"}
    assert "'-2+3" in {row["英文名称"] for row in rows}


def test_the_admins_xlsx_holds_text_not_a_formula(admin_client, formulas):
    content = admin_export(admin_client, "standards_standard", "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert f"'{FORMULA}" in {cell.value for cell in cells}


def test_the_admins_csv_opens_in_excel_as_utf8(admin_client, formulas):
    content = admin_export(admin_client, "standards_standard", "csv")

    assert content.startswith("\ufeff".encode())
