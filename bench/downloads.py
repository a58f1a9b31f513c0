"""A list's full download sent from its published file, against whitenoise sending a static file
of the same size, under the same gunicorn.

    .venv/bin/python bench/downloads.py [--quick] [--seconds 5] [--connections 8]

On the generated data (100,000 standards; 10,000 with --quick), the standards list's full CSV
is written once as the site publishes it (common.downloads.write, here in a process of its own
rather than the worker), gunicorn serves the production settings (config/gunicorn.py, 2 workers)
with Redis holding what is published where, and wrk asks for the download; its floor is the same
bytes copied into STATIC_ROOT and sent by whitenoise, the fastest way this site sends a file.

- download_published: the full CSV from its file; target ≥ 0.5× the static file's requests/s.

Every response is checked before it is timed: the download's ETag and Content-Length are the
published file's, and its bytes are the static copy's. Redis is needed: without a shared cache
each gunicorn worker would know of no published file.
"""

import json
import os
import secrets
import shutil
import sys
from pathlib import Path

import harness
from lists import Bench, gunicorn, production, reachable_redis, server_get, wrk_arguments
from load import ensure_wrk

STATIC_NAME = "bench-download.csv"


def main():
    args = wrk_arguments(__doc__, connections=8)
    redis_url = reachable_redis()
    if not redis_url:
        sys.exit("download_published needs Redis (REDIS_URL or 127.0.0.1:6379)")
    wrk = ensure_wrk()
    with harness.database(args) as url:
        harness.setup_django()
        from django.urls import reverse

        folder = Path(os.environ["STATIC_ROOT"]).parent
        env = {
            **production(url, folder),
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        }
        if not (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
            harness.manage_with(env, "collectstatic", "--noinput")
        published = publish(env)
        static_copy = Path(env["STATIC_ROOT"]) / STATIC_NAME
        shutil.copyfile(Path(env["MEDIA_ROOT"]) / published["path"], static_copy)
        download, static = (
            reverse("standards:standard-export", args=["csv"]),
            f"/static/{STATIC_NAME}",
        )
        with gunicorn(env, folder) as server:
            check(server, download, static, published, static_copy.read_bytes())
            # Bench.measure names its floor "hello": here the static file.
            figures = Bench(wrk, args).measure(server, {"download": download}, floor=static)
    harness.record(
        "download_published",
        value=figures["download"],
        floor=figures["hello"],
        unit="req/s",
        target=0.5,
        higher_is_better=True,
        label="Standards list's full CSV from its published file (floor: whitenoise, same size)",
        detail=f"{published['size'] / 2**20:.1f} MB; {args.connections} connections",
    )


def publish(env):
    """The standards list's full CSV written and published as the worker would; its record."""
    code = (
        "import json; from common import downloads;"
        "print(json.dumps(downloads.write('standards', 'csv', 'zh-hans',"
        " 'standards.views.StandardListView')))"
    )
    completed = harness.run_manage(env, "shell", "-c", code)
    if completed.returncode:
        sys.exit(f"publishing the download failed:\n{completed.stdout}{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def check(server, download, static, published, expected):
    headers, body = server_get(server, download)
    if headers.get("ETag") != published["etag"] or body != expected:
        sys.exit(f"{download}: not the published file (ETag {headers.get('ETag')})")
    if int(headers["Content-Length"]) != published["size"]:
        sys.exit(f"{download}: Content-Length {headers['Content-Length']}")
    if server_get(server, static)[1] != expected:
        sys.exit(f"{static}: not the same bytes")


if __name__ == "__main__":
    sys.exit(main())
