"""An upload in the admin is parsed once for its preview page; confirming it parses the copy
kept for the confirmation once more, and only once."""

import io

import pytest
import tablib
from openpyxl import Workbook

from common.spreadsheets import reading
from tests.imports.test_admin_imports import confirm, new_standards, preview, table_1

pytestmark = pytest.mark.django_db


@pytest.fixture
def parses(monkeypatch, settings, tmp_path):
    """Each parse of a file's bytes into rows, by whatever code asks for it: the CSV and XLSX
    parsers under common.spreadsheets.read_dataset (wherever it was imported), and tablib's
    own loading, which django-import-export's formats use."""
    settings.IMPORT_PREVIEW_DIR = tmp_path / "previews"
    calls = []

    def counted(name, parse):
        def parsing(*args, **kwargs):
            calls.append(name)
            return parse(*args, **kwargs)

        return parsing

    for name in ("_csv_rows", "_xlsx_rows"):
        monkeypatch.setattr(reading, name, counted(name, getattr(reading, name)))
    monkeypatch.setattr(tablib.Dataset, "load", counted("tablib", tablib.Dataset.load))
    return calls


def xlsx_of_committees():
    workbook = Workbook()
    workbook.active.append(["名称", "简称", "类别"])
    workbook.active.append(["预览测试分技术委员会", "预览测试", "分技术委员会"])
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def test_a_small_csv_is_parsed_once_for_its_preview_and_once_on_confirm(editor_client, parses):
    content = table_1(*new_standards(3)).encode("gbk")

    response = preview(editor_client, "standards_standard", content, year="2022")

    assert response.context["confirm_form"] is not None
    assert "将新增 3 条、更新 0 条、跳过 0 条" in response.text
    assert parses == ["_csv_rows"]

    parses.clear()
    done = confirm(editor_client, "standards_standard", response)

    assert "已导入：共 3 行，新增 3 条" in done.text
    assert parses == ["_csv_rows"]  # the stored copy, read back


def test_a_small_xlsx_is_parsed_once_for_its_preview(editor_client, parses):
    response = preview(
        editor_client, "standards_committee", xlsx_of_committees(), name="committees.xlsx"
    )

    assert response.context["confirm_form"] is not None
    assert parses == ["_xlsx_rows"]


def test_a_file_with_a_bad_row_is_parsed_once_for_its_report(editor_client, parses):
    rows = [("20229001-T-339", "新的推荐性标准"), ("2022-9002", "格式错误的标准")]

    response = preview(editor_client, "standards_standard", table_1(*rows).encode(), year="2022")

    assert response.context.get("confirm_form") is None
    assert response.context["import_errors"]
    assert parses == ["_csv_rows"]
