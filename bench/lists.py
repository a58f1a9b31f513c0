"""Public list pages' throughput under gunicorn, against a hello-world view under the same gunicorn.

    .venv/bin/python bench/lists.py [--quick] [--seconds 10] [--connections 16]

On the generated data (100,000 standards; 10,000 with --quick), gunicorn serves the production
settings (config/gunicorn.py, 2 workers) plus one hello-world view (bench/site_settings.py), and
wrk asks for one URL at a time: the floor (hello world), then a page of 50 rows with a filter of
the standards, the comment requests and the meetings lists; in rounds, the best of each counts.

- list_uncached: the page cache off, so every request runs the view and its template (with
  Redis where it answers, as production has it, which keeps each list's count for the content
  generation: common/paginators.py).
- list_cached: the page cache on (Redis when REDIS_URL or 127.0.0.1:6379 answers, else each
  worker's memory), the whole page as anonymous visitors get it after the first request.
- list_revalidated: the same with the page's ETag in If-None-Match, as a browser asks again for
  a page it holds: a 304.

Each figure is the slowest of the three lists, as a ratio of the hello-world throughput measured
in the same rounds; higher is better.
"""

import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import harness
from load import ensure_wrk
from load_setup import GUNICORN, Server, free_port

LISTS = {
    "standards": ("standards:standard-list", {"level": "gb_t"}),
    "comment requests": ("standards:commentrequest-list", {"level": "gb_t"}),
    "meetings": ("meetings:meeting-list", {"mode": "online"}),
}
ROWS = 50
HELLO = "/bench/hello/"


def main():
    args = wrk_arguments(__doc__)
    wrk = ensure_wrk()
    with harness.database(args) as url:
        harness.setup_django()
        paths = list_paths()
        queries = query_counts(paths)
        env, folder, redis_url = uncached_site(url)
        bench = Bench(wrk, args)
        with gunicorn(env, folder) as server:
            uncached = bench.measure(server, paths)
        cached_env = {**env, "BENCH_PAGE_CACHE": "1"}
        if redis_url:
            cached_env.update(CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}")
        with gunicorn(cached_env, folder) as server:
            for path in paths.values():
                server_get(server, path)  # the first request renders and stores the page
            cached = bench.measure(server, paths)
            revalidated = bench.measure(server, paths, revalidate=True)
    cache = "Redis" if redis_url else "each worker's memory"
    report("list_uncached", "List pages, page cache off", uncached, queries, target=0.15)
    report("list_cached", f"List pages from the page cache ({cache})", cached, queries, target=0.6)
    report(
        "list_revalidated",
        f"List pages revalidated by ETag, 304 ({cache})",
        revalidated,
        queries,
        target=0.6,
    )


def uncached_site(url):
    """The production environment for gunicorn, its folder, and the Redis URL it uses ("" if
    none answers): production's shared cache, which with the page cache off still keeps the
    lists' counts."""
    folder = Path(os.environ["STATIC_ROOT"]).parent
    env = production(url, folder)
    if not (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        harness.manage_with(env, "collectstatic", "--noinput")
    redis_url = reachable_redis()
    if redis_url:
        env.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}")
    return env, folder, redis_url


def wrk_arguments(doc, connections=16):
    """The arguments of a throughput benchmark: wrk's seconds and connections, the rounds."""
    args = harness.arguments(
        doc.split("\n\n")[0],
        **{
            "--seconds": {"type": int, "default": 0, "help": "one run (default 5; 1 quick)"},
            "--connections": {"type": int, "default": connections},
            "--rounds": {"type": int, "default": 0, "help": "over every URL (default 3; 1 quick)"},
        },
    )
    args.seconds = args.seconds or (1 if args.quick else 5)
    args.rounds = args.rounds or (1 if args.quick else 3)
    return args


def list_paths():
    from urllib.parse import urlencode

    from django.urls import reverse

    return {
        name: f"{reverse(url_name)}?{urlencode({**query, 'per_page': ROWS})}"
        for name, (url_name, query) in LISTS.items()
    }


def query_counts(paths):
    """Each page's queries, as the test client counts them, with its rows checked."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the response's context, for its rows
    client = Client()
    counts = {}
    for name, path in paths.items():
        with harness.counted_queries() as queries:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
        rows = len(response.context["object_list"])
        total = response.context["total"]
        if response.status_code != 200 or rows != ROWS:
            sys.exit(f"{path}: status {response.status_code}, {rows} rows")
        counts[name] = queries.count
        print(f"  {name}: {path}, {rows} of {total} rows, {queries.count} queries", flush=True)
    return counts


def production(url, folder):
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.site_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_CONCURRENCY": "2",
        "PUBLIC_PAGE_CACHE_SECONDS": "0",
        "PYTHONUNBUFFERED": "1",
        # Production requires mail settings; nothing here sends any.
        "EMAIL_URL": "console://",
        "DEFAULT_FROM_EMAIL": "汽车标准月报 <bench@localhost>",
    }
    env.pop("REDIS_URL", None)
    env.pop("BENCH_PAGE_CACHE", None)
    return env


def reachable_redis():
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return ""
    return url


@contextmanager
def gunicorn(env, folder):
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    log = folder / "gunicorn.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [GUNICORN, "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=harness.ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log, folder / "access.log", env)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def server_get(server, path, headers=None):
    # Production redirects plain HTTP; the proxy in front of it says the request was HTTPS.
    request = urllib.request.Request(
        server.url + path, headers={"X-Forwarded-Proto": "https", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.headers, response.read()
    except urllib.error.HTTPError as error:
        if error.code != 304:
            raise
        return error.headers, b""


class Bench:
    def __init__(self, wrk, args):
        self.wrk = wrk
        self.args = args

    def measure(self, server, paths, revalidate=False, floor=HELLO):
        """Requests per second of the floor (hello world) and of each path, as "hello" and by
        name, the best of a few rounds.

        The rounds take turns over the URLs, so that a burst of other work on the machine
        slows one run of each rather than every run of one.
        """
        headers = {name: {} for name in paths}
        if revalidate:
            for name, path in paths.items():
                etag = server_get(server, path)[0].get("ETag")
                if not etag:
                    sys.exit(f"{path}: no ETag from the page cache")
                headers[name] = {"If-None-Match": etag}
        best = {}
        for _ in range(self.args.rounds):
            rates = {"hello": self.throughput(server, floor)}
            for name, path in paths.items():
                rates[name] = self.throughput(server, path, headers[name])
            for name, rate in rates.items():
                best[name] = max(best.get(name, 0), rate)
        return best

    def throughput(self, server, path, headers=None):
        server_get(server, path, headers)  # a warm worker, and a failure before wrk hides it
        command = [
            self.wrk,
            "--threads=1",
            f"--connections={self.args.connections}",
            f"--duration={self.args.seconds}s",
            "--header=X-Forwarded-Proto: https",
            "--header=Accept-Language: zh-hans",
            *(f"--header={name}: {value}" for name, value in (headers or {}).items()),
            server.url + path,
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if errors:
            sys.exit(f"{path}: {errors.group(1)} error responses\n{server.tail()}")
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        print(f"    {path}: {rate:.0f} req/s", flush=True)
        return rate


def report(name, label, figures, queries, target):
    hello = figures["hello"]
    lists = {key: value for key, value in figures.items() if key != "hello"}
    slowest = min(lists, key=lists.get)
    parts = [f"{key} {rate:.0f} req/s ({queries[key]} queries)" for key, rate in lists.items()]
    harness.record(
        name,
        value=lists[slowest],
        floor=hello,
        unit="req/s",
        target=target,
        higher_is_better=True,
        label=label,
        detail=f"slowest: {slowest}; " + "; ".join(parts),
    )


if __name__ == "__main__":
    main()
