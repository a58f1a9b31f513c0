"""docs/deploy.md's nginx configuration, run by a real nginx in front of the site: media go
through Django's checks and come back from nginx's internal location, inert."""

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test.testcases import _MediaFilesHandler

from meetings.models import MeetingAttachment
from tests import sample_files as files
from tests.common.test_media import attachment_of, legacy, photo_of
from tests.meetings.factories import MeetingFactory

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"

if NGINX is None and os.environ.get("REQUIRE_NGINX"):
    raise RuntimeError("REQUIRE_NGINX is set and nginx is not installed (scripts/ensure-nginx)")
pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (make install installs it)"
)


def documented_server():
    """The first `server` block of the guide's nginx configuration."""
    block = re.search(r"```nginx\n(.*?)```", DEPLOY.read_text(), re.S).group(1)
    return block[: block.index("\nserver {")] if "\nserver {" in block else block


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(transactional_db, live_server, settings, tmp_path, monkeypatch):
    """nginx on a free port with the guide's server block, pointed at the live server and the
    test's media folder; yields its base URL. The database comes first: a live server started
    before it would not share SQLite's in-memory test database with its threads."""
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    # The live server would answer /media/ from the folder itself; a deployed site never does.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda handler, path: False)
    port = free_port()
    server = documented_server()
    server = server.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    server = server.replace("http://127.0.0.1:8000", live_server.url)
    server = server.replace("alias /srv/bulletin/media/;", f"alias {settings.MEDIA_ROOT}/;")
    assert f"alias {settings.MEDIA_ROOT}/;" in server and live_server.url in server
    config = tmp_path / "nginx.conf"
    # Run as root (as CI is), nginx's workers would drop to `nobody`, who cannot read pytest's
    # folders; as anyone else the directive is ignored.
    config.write_text(
        f"daemon off; user {getpass.getuser()}; worker_processes 1; pid {tmp_path}/nginx.pid;"
        f" error_log {tmp_path}/error.log;\n"
        "events { worker_connections 32; }\n"
        "http { include /etc/nginx/mime.types; access_log off;\n"
        f" client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"{server}\n}}\n"
    )
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(tmp_path)])
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_public_attachment_comes_from_nginx_as_an_inert_download(nginx):
    attachment = attachment_of(MeetingFactory(is_public=True))

    status, headers, body = fetch(f"{nginx}/media/{quote(attachment.file.name)}")

    assert status == 200
    assert body == files.pdf()
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert headers.get_all("Content-Security-Policy") == ["sandbox"]


def test_a_photo_keeps_its_image_type_through_nginx(nginx):
    photo = photo_of(MeetingFactory(is_public=True))

    status, headers, body = fetch(f"{nginx}/media/{quote(photo.image.name)}")

    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert headers["Content-Disposition"].startswith("inline;")
    assert body[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_stored_page_is_a_sandboxed_download_through_nginx(nginx):
    attachment = MeetingAttachment.objects.create(
        meeting=MeetingFactory(is_public=True), title="旧附件"
    )
    name = legacy(attachment, "file", "attachments/2022/06/page.html", b"<script>x=1</script>")

    status, headers, _ = fetch(f"{nginx}/media/{name}")

    assert status == 200
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers["Content-Security-Policy"] == "sandbox"


def test_an_internal_meetings_file_is_not_found_through_nginx(nginx):
    attachment = attachment_of(MeetingFactory(is_public=False))

    status, _, body = fetch(f"{nginx}/media/{quote(attachment.file.name)}")

    assert status == 404
    assert files.pdf() not in body


def test_the_internal_location_cannot_be_asked_for_directly(nginx):
    attachment = attachment_of(MeetingFactory(is_public=True))

    status, _, _ = fetch(f"{nginx}/protected-media/{quote(attachment.file.name)}")

    assert status == 404
