"""The admin's import page under hostile uploads: an upload over the limit stopped while it
streams in, no copy of any file left behind, no parser error a 500 (each file read once: see
test_admin_preview)."""

import os
import tempfile
import time
import tracemalloc

import pytest
from django.test.client import ClientHandler
from django.urls import reverse

from standards.models import Standard
from tests.common.test_spreadsheet_limits import SHEET, XXE, rebuilt, small_xlsx
from tests.imports.test_admin_imports import confirm, new_standards, preview, table_1

pytestmark = pytest.mark.django_db

MB = 2**20
BOUNDARY = "limit-test-boundary"


@pytest.fixture
def folders(settings, tmp_path, monkeypatch):
    """Where an upload or a copy of it could stay: each empty, to be checked after."""
    folders = {name: tmp_path / name for name in ("tmp", "uploads", "previews", "media")}
    for folder in folders.values():
        folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folders["tmp"]))
    settings.FILE_UPLOAD_TEMP_DIR = folders["uploads"]
    settings.IMPORT_PREVIEW_DIR = folders["previews"]
    settings.MEDIA_ROOT = folders["media"]
    return folders


def left_in(folders):
    return sorted(str(path) for folder in folders.values() for path in folder.rglob("*"))


class StreamedUpload:
    """A multipart body with a file of `size` bytes, made as the server reads it, so that
    the test itself never holds the upload."""

    def __init__(self, size, csrf_token=""):
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{csrf_token}\r\n"
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="resource"\r\n\r\n0\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="format"\r\n\r\n0\r\n'
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="import_file"; '
            f'filename="standards.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.length = len(head) + size + len(tail)
        self._chunks = self._generate(head, size, tail)
        self._buffer = b""
        self.read_bytes = 0

    @staticmethod
    def _generate(head, size, tail):
        yield head
        # One line: a server's readline() would hand it over whole.
        chunk = b"x" * 2**16
        while size > 0:
            yield chunk[:size]
            size -= len(chunk)
        yield tail

    def readline(self, size=-1):
        line = self.read(size)
        while size < 0 and line and not line.endswith(b"\n"):
            more = self.read(2**16)
            if not more:
                break
            line += more
        return line

    def read(self, size=-1):
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        data, self._buffer = (
            (self._buffer, b"") if size < 0 else (self._buffer[:size], self._buffer[size:])
        )
        self.read_bytes += len(data)
        return data


def post_streamed(client, url, body):
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": url,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": client.cookies.output(header="", sep=";").strip(),
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(body.length),
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": None,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    return ClientHandler(enforce_csrf_checks=False)(environ)


def test_an_upload_over_the_limit_is_stopped_as_it_streams_in_and_nothing_is_kept(
    editor_client, folders
):
    url = reverse("admin:standards_standard_import")
    body = StreamedUpload(30 * MB)

    tracemalloc.start()
    try:
        response = post_streamed(editor_client, url, body)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert response.status_code == 413
    assert "文件超过上限 10 MB，没有上传" in response.content.decode()
    assert peak < 8 * MB
    assert left_in(folders) == []
    assert body.read_bytes == body.length  # read to its end, so the browser gets the answer


def test_the_upload_limit_still_checks_the_csrf_token(editor_client, folders):
    editor_client.handler.enforce_csrf_checks = True

    response = editor_client.post(reverse("admin:standards_standard_import"), {"resource": "0"})

    assert response.status_code == 403


def test_a_refused_file_leaves_no_copy(editor_client, folders):
    response = preview(editor_client, "standards_standard", b"\x00\x01 not a table")

    assert response.context["form"].errors["import_file"]
    assert left_in(folders) == []


def test_a_file_with_bad_rows_leaves_no_copy(editor_client, folders):
    rows = [("2022-9002", "格式错误的标准")]

    response = preview(editor_client, "standards_standard", table_1(*rows).encode())

    assert response.context["import_errors"]
    assert left_in(folders) == []


def test_a_confirmed_file_leaves_no_copy(editor_client, folders):
    response = preview(
        editor_client, "standards_standard", table_1(*new_standards(2)).encode(), year="2022"
    )
    assert len(left_in(folders)) == 1  # kept for the confirmation

    confirm(editor_client, "standards_standard", response)

    assert Standard.objects.filter(plan_number="20229002-T-339").exists()
    assert left_in(folders) == []


def test_a_file_that_fails_at_confirming_leaves_no_copy(editor_client, folders):
    response = preview(
        editor_client, "standards_standard", table_1(*new_standards(1)).encode(), year="2022"
    )
    (copy,) = folders["previews"].iterdir()
    copy.write_bytes(b"\x00 changed underneath")

    done = confirm(editor_client, "standards_standard", response)

    assert "无法读取这个文件" in done.text
    assert left_in(folders) == []


def test_the_confirmation_reads_no_file_outside_the_previews(editor_client, folders, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text("计划号,项目名称\n20229001-T-339,外面的文件\n")
    data = {"import_file_name": str(outside), "original_file_name": "x.csv", "format": "0"}

    done = editor_client.post(reverse("admin:standards_standard_process_import"), data, follow=True)

    assert "预览过的文件已不在，请重新上传。" in done.text
    assert outside.exists()
    assert not Standard.objects.filter(plan_number="20229001-T-339").exists()


def test_an_abandoned_preview_is_removed_once_it_is_old(editor_client, folders, settings):
    preview(editor_client, "standards_standard", table_1(*new_standards(1)).encode(), year="2022")
    (abandoned,) = folders["previews"].iterdir()
    old = time.time() - settings.IMPORT_PREVIEW_MAX_AGE_SECONDS - 1
    os.utime(abandoned, (old, old))

    preview(editor_client, "standards_standard", table_1(*new_standards(2)).encode(), year="2022")

    assert not abandoned.exists()
    assert len(list(folders["previews"].iterdir())) == 1  # the new one, waiting


def test_an_xlsx_with_an_external_entity_is_refused_on_the_page(editor_client, folders):
    content = rebuilt(small_xlsx(), {SHEET: XXE})

    response = preview(editor_client, "standards_standard", content, name="standards.xlsx")

    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [
        "无法读取这个 XLSX 文件：文件已损坏，或含有不允许的内容。请在 Excel 中另存后重试。"
    ]
    assert left_in(folders) == []
