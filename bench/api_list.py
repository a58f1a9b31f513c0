"""The open-data API's list pages' throughput under gunicorn, against hello world under the same.

    .venv/bin/python bench/api_list.py [--quick] [--seconds 5] [--connections 16]

As bench/lists.py measures the HTML lists: the production settings plus one hello-world view,
gunicorn with 2 workers, the page cache off, wrk asking for one URL at a time in rounds (the
best of each counts): the floor, then a page of 50 rows of the standards, comment requests and
meetings endpoints with the lists' own filters, and the standards' page after a cursor (the
keyset query deep in the list). The figure is the slowest, as a ratio of hello world.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import harness
from lists import ROWS, Bench, gunicorn, production, wrk_arguments
from load import ensure_wrk

ENDPOINTS = {
    "standards": ("api:standard-list", {"level": "gb_t"}),
    "comment requests": ("api:commentrequest-list", {"level": "gb_t"}),
    "meetings": ("api:meeting-list", {"mode": "online"}),
}


def main():
    args = wrk_arguments(__doc__)
    wrk = ensure_wrk()
    with harness.database(args) as url:
        harness.setup_django()
        paths, queries = api_paths()
        folder = Path(os.environ["STATIC_ROOT"]).parent
        env = production(url, folder)
        if not (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
            harness.manage_with(env, "collectstatic", "--noinput")
        with gunicorn(env, folder) as server:
            figures = Bench(wrk, args).measure(server, paths)
    hello = figures.pop("hello")
    slowest = min(figures, key=figures.get)
    harness.record(
        "api_list",
        value=figures[slowest],
        floor=hello,
        unit="req/s",
        target=0.15,
        higher_is_better=True,
        label="API list pages of 50 rows, page cache off",
        detail=f"slowest: {slowest}; "
        + "; ".join(
            f"{name} {rate:.0f} req/s ({queries[name]} queries)" for name, rate in figures.items()
        ),
    )


def api_paths():
    """Each endpoint's page of ROWS rows, its rows and queries checked with the test client, and
    the standards' next page after it."""
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # the test client's host
    client = Client()
    paths, queries = {}, {}
    for name, (url_name, query) in ENDPOINTS.items():
        paths[name] = f"{reverse(url_name)}?{urlencode({**query, 'page_size': ROWS})}"
    following = urlsplit(client.get(paths["standards"]).json()["next"])
    paths["standards, next page"] = f"{following.path}?{following.query}"
    for name, path in paths.items():
        with harness.counted_queries() as counted:
            response = client.get(path)
        rows = len(response.json().get("results", [])) if response.status_code == 200 else 0
        if rows != ROWS:
            sys.exit(f"{path}: status {response.status_code}, {rows} rows")
        queries[name] = counted.count
        print(f"  {name}: {path}, {rows} rows, {counted.count} queries", flush=True)
    return paths, queries


if __name__ == "__main__":
    main()
