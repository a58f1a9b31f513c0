"""A list's full download is a file written once per content generation and sent from storage;
filtered downloads are streamed; JSON Lines is the third format (common.downloads)."""

import csv
import io
import json
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse

from common.caching import bump_public_pages
from common.exports import download_response
from standards.views import CommentRequestListView, StandardListView
from tests.standards.factories import CommentRequestFactory, StandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def records():
    cache.clear()  # what earlier tests published
    StandardFactory.create_batch(3, is_public=True)
    StandardFactory(is_public=True, title="=HYPERLINK(1)")
    CommentRequestFactory.create_batch(2, is_public=True)
    yield
    cache.clear()


def url(format, name="standards:standard"):
    return reverse(f"{name}-export", kwargs={"format": format})


def fetch(client, format, name="standards:standard", **headers):
    response = client.get(url(format, name), headers=headers)
    assert response.status_code in (200, 304), response.status_code
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, content


def streamed(view_class, format):
    response = download_response(
        format, view_class.resource_class(), view_class.full_queryset(), "any"
    )
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


def not_yet_written(monkeypatch):
    """The worker has not got to the writing yet."""
    monkeypatch.setattr("common.tasks.write_download_file", SimpleNamespace(enqueue=print))


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("view_class", "name"),
    [
        (StandardListView, "standards:standard"),
        (CommentRequestListView, "standards:commentrequest"),
    ],
)
@pytest.mark.parametrize("format", ["csv", "jsonl"])
def test_the_file_sent_is_the_streamed_download_byte_for_byte(client, view_class, name, format):
    response, content = fetch(client, format, name)

    assert isinstance(response, FileResponse)
    assert content == streamed(view_class, format)
    assert response["Content-Length"] == str(len(content))
    assert response["ETag"].startswith('"')


def test_the_workbook_sent_has_the_streamed_workbooks_rows(client):
    response, content = fetch(client, "xlsx")

    assert isinstance(response, FileResponse)
    assert xlsx_rows(content) == xlsx_rows(streamed(StandardListView, "xlsx"))
    assert int(response["Content-Length"]) == len(content)


def test_a_second_download_is_the_same_file_and_revalidates(client, monkeypatch):
    first, content = fetch(client, "csv")
    written = set(default_storage.listdir("downloads")[1])
    monkeypatch.setattr(
        "common.downloads.write", lambda *args: pytest.fail("written again without a change")
    )

    again, same = fetch(client, "csv")
    revalidated, _ = fetch(client, "csv", if_none_match=first["ETag"])

    assert same == content and again["ETag"] == first["ETag"]
    assert revalidated.status_code == 304 and revalidated["ETag"] == first["ETag"]
    assert set(default_storage.listdir("downloads")[1]) == written


def test_an_edit_makes_the_next_download_written_again(client):
    first, _ = fetch(client, "csv")
    standard = StandardListView.full_queryset().first()
    standard.title = "换电安全要求"
    standard.save()  # starts a new generation once committed

    response, content = fetch(client, "csv")

    assert isinstance(response, FileResponse)
    assert response["ETag"] != first["ETag"]
    assert "换电安全要求" in content.decode("utf-8-sig")
    assert content == streamed(StandardListView, "csv")


def test_while_the_file_is_written_the_previous_one_is_sent(client, monkeypatch):
    first, content = fetch(client, "csv")
    not_yet_written(monkeypatch)
    StandardFactory(is_public=True, title="新的标准")

    response, during = fetch(client, "csv")

    assert isinstance(response, FileResponse)
    assert during == content and response["ETag"] == first["ETag"]


def test_with_no_file_yet_the_download_is_streamed(client, monkeypatch):
    not_yet_written(monkeypatch)

    response, content = fetch(client, "csv")

    assert isinstance(response, StreamingHttpResponse)
    assert content == streamed(StandardListView, "csv")


def test_a_file_gone_from_storage_is_streamed_not_an_error(client):
    fetch(client, "csv")
    for name in default_storage.listdir("downloads")[1]:
        default_storage.delete(f"downloads/{name}")

    response, content = fetch(client, "csv")

    assert isinstance(response, StreamingHttpResponse)
    assert content == streamed(StandardListView, "csv")


def test_a_failed_writing_streams_and_is_asked_for_again_by_the_next_download(client, monkeypatch):
    def broken(*args):
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr("common.downloads.write_download", broken)
        failed, content = fetch(client, "csv")

    response, _ = fetch(client, "csv")

    assert isinstance(failed, StreamingHttpResponse)
    assert content == streamed(StandardListView, "csv")
    assert isinstance(response, FileResponse)


def test_only_two_files_of_a_list_are_kept(client):
    for number in range(4):
        StandardFactory(is_public=True)
        bump_public_pages()
        fetch(client, "csv")
        assert len(default_storage.listdir("downloads")[1]) == min(number + 1, 2)


def test_filtered_downloads_are_streamed(client):
    response = client.get(url("csv"), {"q": "测试"})

    assert isinstance(response, StreamingHttpResponse)
    assert "ETag" not in response
    response.close()


def test_each_language_has_its_own_file(client, english_client):
    _, chinese = fetch(client, "csv")
    english = english_client.get("/en" + url("csv"))
    english_content = b"".join(english.streaming_content)
    english.close()

    assert isinstance(english, FileResponse)
    assert "Recommended" in english_content.decode("utf-8-sig")
    assert "Recommended" not in chinese.decode("utf-8-sig")


def test_json_lines_are_one_record_a_line_keyed_by_field_name(client):
    _, content = fetch(client, "jsonl")
    _, table = fetch(client, "csv")

    records = [json.loads(line) for line in content.decode("utf-8").splitlines()]
    _header, *rows = csv.reader(io.StringIO(table.decode("utf-8-sig")))

    assert len(records) == len(rows) == StandardListView.full_queryset().count()
    assert {"plan_number", "title"} <= set(records[0])
    assert "'=HYPERLINK(1)" in {record["title"] for record in records}  # as the CSV has it
