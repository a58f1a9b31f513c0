"""The public site under load: gunicorn and PostgreSQL with 100,000 standards, 200 clients.

    .venv/bin/python bench/load.py [--duration 60] [--connections 200] [--database-url URL]

On the loopback interface only. It creates a throwaway PostgreSQL database (default
postgres://postgres@127.0.0.1:5432/bulletin_load; it refuses one that exists), migrates it, loads
the demo (its July 2022 issue published and rendered), runs `generate_data` (100,000 standards,
10,000 meetings, 5 years of issues, fixed seed), collects the static files, and starts gunicorn
with config/gunicorn.py and the production settings. Once /healthz answers, wrk drives the
clients over a fixed, weighted mix of public URLs (pages, filters, searches, details and
spreadsheet downloads; see URL_MIX) for --duration seconds.

Figures per run: requests/s, latency p50/p95/p99 as the clients saw it, responses other than
2xx/3xx, socket errors (connect, read, write, timeout); per kind of URL from gunicorn's access
log: requests, errors and the server's time. Printed as Markdown and written to
bench/load-results.json. Gunicorn is stopped and the database and files dropped on exit, Ctrl-C
included (--keep keeps them, and --reuse runs again on a kept database without the setup).

wrk comes from Debian (`apt-get install wrk`, done here when missing and running as root).
"""

import argparse
import json
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
RESULTS = Path(__file__).with_name("load-results.json")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bulletin_load"
SEED = 20220713  # the generated data and the URL mix
MIX_SIZE = 20000  # URLs the clients cycle through

# Kind of URL -> relative weight. Downloads of whole lists (100,000 standards) are heavy and rare;
# most downloads are of a filtered list, as visitors make them.
URL_MIX = {
    "home": 8,
    "issue archive": 3,
    "issue page": 5,
    "issue PDF": 1,
    "standards list": 4,
    "standards filtered": 9,
    "standards search": 5,
    "standards page N": 3,
    "standard detail": 12,
    "comment requests list": 2,
    "comment requests filtered": 5,
    "comment requests search": 2,
    "comment request detail": 6,
    "meetings list": 2,
    "meetings filtered": 4,
    "meetings search": 2,
    "meeting detail": 6,
    "news list": 2,
    "news filtered": 2,
    "news detail": 3,
    "committees list": 1,
    "committee detail": 1,
    "English pages": 3,
    "statistics": 0.5,
    "feeds and calendars": 1,
    "static file": 2,
    "export filtered CSV": 2.5,
    "export filtered XLSX": 1.5,
    "export full CSV": 0.1,
    "export full XLSX": 0.05,
}
SEARCH_WORDS = [
    "制动",
    "电动汽车 充电",
    "车载以太网",
    "安全要求",
    "试验方法",
    "智能网联",
    "2023",
    "GB/T",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per run")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--connections", type=int, default=200, help="concurrent clients")
    parser.add_argument("--client-threads", type=int, default=1, help="wrk threads")
    parser.add_argument(
        "--client-timeout",
        type=int,
        default=60,
        help="seconds a client waits for a response (a proxy's read timeout, nginx: 60)",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--standards", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--until", help="YYYY-MM of the latest generated issue (default: now)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--threads", type=int, help="threads per worker (GUNICORN_THREADS)")
    parser.add_argument("--conn-max-age", type=int, help="DATABASE_CONN_MAX_AGE for gunicorn")
    parser.add_argument(
        "--app",
        default="config.wsgi",
        help="WSGI module gunicorn serves (another one to compare a change, on PYTHONPATH)",
    )
    parser.add_argument("--redis-url", default="", help="REDIS_URL: turns the page cache on")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    parser.add_argument("--reuse", action="store_true", help="use a kept database as it is")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.duration < 1 or args.duration > 3600:
        parser.error("--duration: 1 to 3600 seconds")

    # Ctrl-C and a plain kill both unwind through the finally blocks below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk = ensure_wrk()
    bench = LoadBench(args, wrk)
    try:
        bench.run()
    except KeyboardInterrupt:
        print("\nInterrupted: cleaning up.", file=sys.stderr)
        sys.exit(130)


class LoadBench:
    def __init__(self, args, wrk):
        self.args = args
        self.wrk = wrk
        self.database = Database(args.database_url)
        self.folder = Path(tempfile.gettempdir()) / f"bulletin-load-{self.database.name}"
        self.port = free_port()
        self.cache_prefix = f"bulletin-load-{secrets.token_hex(4)}"
        self.results = {
            "date": date.today().isoformat(),
            "machine": {"cpus": os.cpu_count()},
            "setup": {},
            "runs": [],
        }

    def run(self):
        args = self.args
        with self.database.throwaway(create=not args.reuse, keep=args.keep):
            if not args.reuse:
                shutil.rmtree(self.folder, ignore_errors=True)
                self.setup()
            elif not (self.folder / "media").is_dir():
                sys.exit(f"--reuse: {self.folder} is missing; run once with --keep first.")
            else:
                self.results["setup"] = {"reused": self.database.name}
            try:
                with self.gunicorn() as server:
                    self.load(server)
            finally:
                if args.redis_url:
                    self.forget_cached_pages()
                if not args.keep:
                    shutil.rmtree(self.folder, ignore_errors=True)
        self.report()

    # Setting up ------------------------------------------------------------------------------

    def environment(self, **extra):
        env = {
            **os.environ,
            "DATABASE_URL": self.database.url,
            "MEDIA_ROOT": str(self.folder / "media"),
            "STATIC_ROOT": str(self.folder / "static"),
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DJANGO_DEBUG": "0",  # a debug cursor would keep every query in memory
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("REDIS_URL", None)
        env.update(extra)
        return env

    def production(self):
        extra = {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }
        args = self.args
        if args.redis_url:
            extra["REDIS_URL"] = args.redis_url
            extra["CACHE_KEY_PREFIX"] = self.cache_prefix
        if args.workers:
            extra["WEB_CONCURRENCY"] = str(args.workers)
        if args.threads:
            extra["GUNICORN_THREADS"] = str(args.threads)
        if args.conn_max_age is not None:
            extra["DATABASE_CONN_MAX_AGE"] = str(args.conn_max_age)
        return self.environment(**extra)

    def manage(self, *command, env=None):
        started = time.perf_counter()
        completed = subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env or self.environment(),
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        if completed.returncode:
            sys.exit(f"manage.py {' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
        print(f"  manage.py {' '.join(command)}: {seconds:.1f} s")
        return completed.stdout, seconds

    def setup(self):
        args = self.args
        print(f"Setting up {self.database.name} ({self.folder})")
        self.manage("migrate", "--noinput")
        self.manage("load_demo")
        # The issues run up to this month, so some comment requests are open on the day.
        until = args.until or date.today().strftime("%Y-%m")
        output, seconds = self.manage(
            "generate_data",
            *("--standards", str(args.standards), "--meetings", str(args.meetings)),
            *("--years", str(args.years), "--seed", str(SEED), "--until", until),
        )
        self.manage("collectstatic", "--noinput", env=self.production())
        self.results["setup"] = {
            "standards": args.standards,
            "meetings": args.meetings,
            "years": args.years,
            "seed": SEED,
            "until": until,
            "generate_data_seconds": round(seconds, 1),
            "generate_data": output.strip().splitlines()[-1],
        }

    @contextmanager
    def gunicorn(self):
        log = self.folder / "gunicorn.log"
        access = self.folder / "access.log"
        env = self.production()
        env["GUNICORN_ACCESS_LOG"] = str(access)
        with open(log, "w") as output:
            process = subprocess.Popen(
                [GUNICORN, "-c", "config/gunicorn.py", self.args.app],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Its own session: Ctrl-C reaches this script, which stops gunicorn in order.
                start_new_session=True,
            )
        server = Server(process, f"http://127.0.0.1:{self.port}", log, access)
        try:
            server.wait_ready()
            self.results["server"] = server.describe(env)
            yield server
        finally:
            server.stop()

    def forget_cached_pages(self):
        import redis

        client = redis.Redis.from_url(self.args.redis_url)
        keys = list(client.scan_iter(match=f"{self.cache_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])

    # Loading ---------------------------------------------------------------------------------

    def load(self, server):
        args = self.args
        urls = url_mix(self.environment())
        script = self.folder / "mix.lua"
        script.write_text(lua_script([path for _kind, path in urls]), encoding="utf-8")
        kinds = {}
        for kind, path in urls:
            kinds.setdefault(path, kind)
        self.results["mix"] = dict(URL_MIX)
        self.results["client"] = {
            "tool": "wrk",
            "connections": args.connections,
            "threads": args.client_threads,
            "duration_s": args.duration,
            "timeout_s": args.client_timeout,
            "urls_in_cycle": len(urls),
        }
        warmup = min(10, args.duration)
        print(f"Warming up for {warmup} s with 20 clients")
        self.wrk_run(server, script, 20, warmup)
        for number in range(1, args.runs + 1):
            print(f"Run {number}: {args.connections} clients for {args.duration} s")
            server.access_log_mark()
            load_before = os.getloadavg()[0]
            sampler = ConnectionSampler(self.database)
            with sampler:
                figures = self.wrk_run(server, script, args.connections, args.duration)
            figures["run"] = number
            # Other work on the machine shows here: the server and the clients share its CPUs.
            figures["load_average_1min"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
            figures["db_connections_max"] = sampler.highest
            figures["by_kind"] = by_kind(server.access_log_since_mark(), kinds)
            self.results["runs"].append(figures)
        problems = server.problems()
        self.results["server_log_problems"] = problems

    def wrk_run(self, server, script, connections, duration):
        timeout = self.args.client_timeout
        command = [
            self.wrk,
            f"--threads={min(self.args.client_threads, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            f"--timeout={timeout}s",
            f"--script={script}",
            server.url,
        ]
        completed = subprocess.run(command, capture_output=True, text=True, start_new_session=True)
        line = next((x for x in completed.stdout.splitlines() if x.startswith("RESULT ")), None)
        if completed.returncode or line is None:
            sys.exit(f"wrk failed:\n{completed.stdout}{completed.stderr}")
        figures = json.loads(line.removeprefix("RESULT "))
        figures["connections"] = connections
        figures["requests_per_second"] = round(figures["requests"] / figures["seconds"], 1)
        return figures

    # Reporting -------------------------------------------------------------------------------

    def report(self):
        results = self.results
        self.args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
        server = results.get("server", {})
        print()
        print(
            f"gunicorn: {server.get('workers')} workers × {server.get('threads')} threads, "
            f"timeout {server.get('timeout')} s, CONN_MAX_AGE {server.get('conn_max_age')} s, "
            f"page cache {'on (Redis)' if server.get('redis') else 'off'}; "
            f"PostgreSQL max_connections {self.database.max_connections}"
        )
        print()
        print(
            "| run | clients | s | requests | req/s | p50 ms | p95 ms | p99 ms | max ms "
            "| non-2xx/3xx | socket errors | DB conns |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for run in results["runs"]:
            socket_errors = sum(run["errors"][k] for k in ("connect", "read", "write", "timeout"))
            print(
                f"| {run['run']} | {run['connections']} | {run['seconds']:.0f} "
                f"| {run['requests']} | {run['requests_per_second']:.0f} "
                f"| {run['latency_ms']['p50']:.0f} | {run['latency_ms']['p95']:.0f} "
                f"| {run['latency_ms']['p99']:.0f} | {run['latency_ms']['max']:.0f} "
                f"| {run['errors']['status']} | {socket_errors} | {run['db_connections_max']} |"
            )
        for run in results["runs"]:
            print()
            print(f"Run {run['run']} by kind of URL (server time from gunicorn's access log):")
            print()
            print(
                "| URL kind | weight | requests | 2xx | 3xx | 4xx | 5xx "
                "| p50 ms | p95 ms | max ms | busy s |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            for kind, row in run["by_kind"].items():
                print(
                    f"| {kind} | {URL_MIX.get(kind, '')} | {row['requests']} | {row['2xx']} "
                    f"| {row['3xx']} | {row['4xx']} | {row['5xx']} | {row['p50_ms']} "
                    f"| {row['p95_ms']} | {row['max_ms']} | {row['busy_s']} |"
                )
        if results.get("server_log_problems"):
            print("\nFrom gunicorn's log:")
            for line in results["server_log_problems"][:20]:
                print(f"    {line}")
        print(f"\nWritten to {self.args.output}")


class Database:
    """The throwaway PostgreSQL database: created for the run and dropped after it."""

    def __init__(self, url):
        import dj_database_url

        config = dj_database_url.parse(url)
        if config["ENGINE"] != "django.db.backends.postgresql":
            sys.exit("--database-url: a postgres:// URL")
        if config["HOST"] not in ("127.0.0.1", "localhost", "::1", ""):
            sys.exit("--database-url: the load test runs on the loopback interface only")
        self.url = url
        self.name = config["NAME"]
        self.server = {
            "host": config["HOST"] or None,
            "port": config["PORT"] or None,
            "user": config["USER"] or None,
            "password": config["PASSWORD"] or None,
            "autocommit": True,
        }
        self.max_connections = None

    def connect(self, dbname="postgres"):
        import psycopg

        return psycopg.connect(**self.server, dbname=dbname)

    @contextmanager
    def throwaway(self, create, keep):
        from psycopg import sql

        with self.connect() as admin:
            self.max_connections = int(admin.execute("SHOW max_connections").fetchone()[0])
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
            if create and exists:
                sys.exit(
                    f"Database {self.name} exists already: the load test only uses one it "
                    f"creates (drop it with `dropdb -h 127.0.0.1 -U postgres {self.name}`, "
                    "or pass --reuse to run on it as it is)."
                )
            if not create and not exists:
                sys.exit(f"--reuse: database {self.name} does not exist.")
            if create:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
        try:
            yield
        finally:
            if not keep:
                with self.connect() as admin:
                    admin.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                            sql.Identifier(self.name)
                        )
                    )
                print(f"Dropped database {self.name}.")

    def connection_count(self, connection):
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'",
            [self.name],
        ).fetchone()
        return row[0]


class ConnectionSampler(threading.Thread):
    """The highest number of connections to the database, sampled every half second."""

    def __init__(self, database):
        super().__init__(daemon=True)
        self.database = database
        self.highest = 0
        self.stopping = threading.Event()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.join()

    def run(self):
        with self.database.connect() as connection:
            while not self.stopping.wait(0.5):
                self.highest = max(self.highest, self.database.connection_count(connection))


class Server:
    def __init__(self, process, url, log, access):
        self.process = process
        self.url = url
        self.log = log
        self.access = access
        self.mark = 0

    def wait_ready(self, seconds=60):
        """Until /healthz (or / where there is none yet) answers 200."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited ({self.process.returncode}):\n{self.tail()}")
            for path in ("/healthz", "/"):
                status = fetch_status(self.url + path)
                if status == 200:
                    return
                if status != 404:
                    break
            time.sleep(0.5)
        sys.exit(f"gunicorn did not answer within {seconds} s:\n{self.tail()}")

    def describe(self, env):
        # The values config/gunicorn.py settled on, as gunicorn prints them.
        print_config = subprocess.run(
            [GUNICORN, "-c", "config/gunicorn.py", "--print-config", "config.wsgi"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
        values = dict(re.findall(r"^(\w+)\s*=\s*(.*)$", print_config, re.MULTILINE))
        return {
            "workers": int(values.get("workers", 0)),
            "threads": int(values.get("threads", 0)),
            "worker_class": values.get("worker_class", ""),
            "timeout": int(values.get("timeout", 30)),
            "max_requests": int(values.get("max_requests", 0)),
            "conn_max_age": int(env.get("DATABASE_CONN_MAX_AGE", 60)),
            "redis": bool(env.get("REDIS_URL")),
        }

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their requests
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        print("Stopped gunicorn.")

    def tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def access_log_mark(self):
        self.mark = self.access.stat().st_size if self.access.exists() else 0

    def access_log_since_mark(self):
        with open(self.access, "rb") as log:
            log.seek(self.mark)
            return log.read().decode("utf-8", "replace").splitlines()

    def problems(self):
        """Tracebacks, errors and worker timeouts gunicorn or Django logged, once each."""
        found = []
        for line in self.log.read_text(errors="replace").splitlines():
            if re.search(r"ERROR|CRITICAL|WORKER TIMEOUT|Traceback|Exception|Error:", line):
                text = re.sub(r"^\[[^]]*\] \[\d+\] ", "", line.strip())
                text = re.sub(r"^\S+ \S+ ", "", text) if text[:2].isdigit() else text
                if text not in found:
                    found.append(text)
        return found


# The URL mix -----------------------------------------------------------------------------------


def url_mix(env):
    """MIX_SIZE (kind, path) pairs drawn by URL_MIX's weights from the database's public records."""
    records = public_records(env)
    rng = random.Random(SEED)
    makers = url_makers(records, rng)
    kinds = list(URL_MIX)
    drawn = rng.choices(kinds, weights=[URL_MIX[k] for k in kinds], k=MIX_SIZE)
    return [(kind, makers[kind]()) for kind in drawn]


def public_records(env):
    """Ids and values the URLs need, read through the app's own published() querysets."""
    code = """
import json
from bulletin.models import Issue, NewsItem
from meetings.models import Meeting
from standards.models import CommentRequest, Committee, Standard
from django.contrib.staticfiles.storage import staticfiles_storage
ids = lambda qs: list(qs.values_list("pk", flat=True))
print(json.dumps({
    "standards": ids(Standard.objects.published()),
    "comment_requests": ids(CommentRequest.objects.published()),
    "meetings": ids(Meeting.objects.published()),
    "news": ids(NewsItem.objects.published()),
    "committees": ids(Committee.objects.filter(standards__is_public=True).distinct()),
    "proposers": ids(Committee.objects.filter(
        comment_requests__in=CommentRequest.objects.published()).distinct()),
    "organisers": ids(Committee.objects.filter(meetings__is_public=True).distinct()),
    "issues": list(Issue.objects.published().values_list("year", "month")),
    "plan_years": sorted({p[:4] for p in Standard.objects.published().exclude(plan_number="")
        .values_list("plan_number", flat=True)}),
    "regions": sorted(set(NewsItem.objects.published().exclude(region="")
        .values_list("region", flat=True))),
    "stylesheet": staticfiles_storage.url("css/site.css"),
}))
"""
    env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    env.setdefault("DJANGO_SECRET_KEY", "load-test-url-mix")
    env.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    completed = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        sys.exit(f"Reading the public records failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def url_makers(records, rng):
    def path(base, **query):
        query = {k: v for k, v in query.items() if v not in (None, "")}
        return base + ("?" + urlencode(query, quote_via=quote) if query else "")

    def some(name):
        return rng.choice(records[name])

    levels = ["gb", "gb_t", "gb_z", "qc_t"]
    stages = ["approved", "drafting", "comment", "review", "approval", "published"]
    demo_issue = [2022, 7]
    issues = records["issues"]

    def standards_filtered(base="/standards/"):
        choice = rng.randrange(4)
        if choice == 0:
            return path(base, level=rng.choice(levels), stage=rng.choice(stages))
        if choice == 1:
            return path(base, committee=some("committees"), year=rng.choice(records["plan_years"]))
        if choice == 2:
            return path(base, year=rng.choice(records["plan_years"]), work_type="revision")
        return path(base, committee=some("committees"), level=rng.choice(levels), sort="-updated")

    def comment_requests_filtered(base="/comment-requests/"):
        choice = rng.randrange(3)
        if choice == 0:
            return path(base, status=rng.choice(["open", "closing", "upcoming", "closed"]))
        if choice == 1:
            return path(base, level=rng.choice(levels), year=rng.choice(issues)[0])
        return path(base, proposer=some("proposers"), sort="deadline")

    def meetings_filtered(base="/meetings/"):
        year, month = rng.choice(issues)
        choice = rng.randrange(3)
        if choice == 0:
            return path(base, year=year, month=month)
        if choice == 1:
            return path(base, organiser=some("organisers"), year=year)
        return path(base, mode=rng.choice(["online", "in_person", "hybrid"]), sort="-participants")

    def export_filtered(extension):
        choice = rng.randrange(4)
        if choice == 0:
            return standards_filtered(f"/standards/export.{extension}")
        if choice == 1:
            return comment_requests_filtered(f"/comment-requests/export.{extension}")
        if choice == 2:
            return meetings_filtered(f"/meetings/export.{extension}")
        year, month = rng.choice(issues)
        return path(f"/news/export.{extension}", year=year, month=month)

    def english():
        return rng.choice(
            [
                "/en/",
                f"/en/standards/{some('standards')}/",
                path("/en/standards/", level=rng.choice(levels)),
                f"/en/meetings/{some('meetings')}/",
                "/en/comment-requests/?status=open",
            ]
        )

    def full_export(extension):
        return rng.choice(["/standards/", "/comment-requests/", "/meetings/", "/news/"]) + (
            f"export.{extension}"
        )

    return {
        "home": lambda: "/",
        "issue archive": lambda: rng.choice(
            ["/issues/", path("/issues/", year=rng.choice(issues)[0])]
        ),
        "issue page": lambda: "/issues/{}/{}/".format(*rng.choice(issues)),
        "issue PDF": lambda: "/issues/{}/{}/pdf/".format(*rng.choice([demo_issue, *issues[:3]])),
        "standards list": lambda: "/standards/",
        "standards filtered": standards_filtered,
        "standards search": lambda: path("/standards/", q=rng.choice(SEARCH_WORDS)),
        "standards page N": lambda: path("/standards/", page=rng.randint(2, 200)),
        "standard detail": lambda: f"/standards/{some('standards')}/",
        "comment requests list": lambda: "/comment-requests/",
        "comment requests filtered": comment_requests_filtered,
        "comment requests search": lambda: path("/comment-requests/", q=rng.choice(SEARCH_WORDS)),
        "comment request detail": lambda: f"/comment-requests/{some('comment_requests')}/",
        "meetings list": lambda: "/meetings/",
        "meetings filtered": meetings_filtered,
        "meetings search": lambda: path("/meetings/", q=rng.choice(["审查会", "工作会议", "北京"])),
        "meeting detail": lambda: f"/meetings/{some('meetings')}/",
        "news list": lambda: "/news/",
        "news filtered": lambda: path(
            "/news/", year=rng.choice(issues)[0], region=rng.choice(records["regions"] or [""])
        ),
        "news detail": lambda: f"/news/{some('news')}/",
        "committees list": lambda: "/committees/",
        "committee detail": lambda: f"/committees/{some('committees')}/",
        "English pages": english,
        "statistics": lambda: "/statistics/",
        "feeds and calendars": lambda: rng.choice(
            [
                "/feeds/issues.rss",
                "/feeds/comment-requests.atom",
                "/calendar/comment-deadlines.ics",
                "/calendar/meetings.ics",
            ]
        ),
        "static file": lambda: records["stylesheet"],
        "export filtered CSV": lambda: export_filtered("csv"),
        "export filtered XLSX": lambda: export_filtered("xlsx"),
        "export full CSV": lambda: full_export("csv"),
        "export full XLSX": lambda: full_export("xlsx"),
    }


LUA = r"""
-- Generated by bench/load.py: each thread cycles through the URLs from its own offset.
local paths = {%(paths)s}
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

function init(args)
  -- As the proxy would: the client came over HTTPS (production settings redirect plain HTTP).
  wrk.headers["X-Forwarded-Proto"] = "https"
  wrk.headers["Accept-Encoding"] = "gzip"
  wrk.headers["User-Agent"] = "bench/load.py"
  requests = {}
  for i, path in ipairs(paths) do
    requests[i] = wrk.format("GET", path)
  end
  position = offset or 0
end

function request()
  position = position + 1
  return requests[(position %% #requests) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"seconds": %%.3f, "requests": %%d, "bytes": %%d, ' ..
    '"errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}, ' ..
    '"latency_ms": {"p50": %%.1f, "p90": %%.1f, "p95": %%.1f, "p99": %%.1f, ' ..
    '"max": %%.1f, "mean": %%.1f}}\n',
    summary.duration / 1e6, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, latency.mean / 1e3))
end
"""


def lua_script(paths):
    quoted = ",\n".join(json.dumps(path) for path in paths)
    return LUA % {"paths": quoted}


ACCESS_LINE = re.compile(
    r'"[A-Z]+ (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) .* (?P<us>\d+) <\d+>$'
)


def by_kind(lines, kinds):
    """Requests, status classes and server time (p50, p95, max) per kind of URL."""
    found = defaultdict(lambda: {"times": [], "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0})
    for line in lines:
        match = ACCESS_LINE.search(line)
        if not match:
            continue
        row = found[kinds.get(match["path"], "other")]
        row["times"].append(int(match["us"]) / 1000)
        row[f"{match['status'][0]}xx"] += 1
    table = {}
    for kind in [*URL_MIX, "other"]:
        if kind not in found:
            continue
        row = found.pop(kind)
        times = sorted(row.pop("times"))
        table[kind] = {
            "requests": len(times),
            **row,
            "p50_ms": round(percentile(times, 50)),
            "p95_ms": round(percentile(times, 95)),
            "max_ms": round(times[-1]),
            # Where the server's time went: the kinds that cost the most for what they serve.
            "busy_s": round(sum(times) / 1000, 1),
        }
    return table


def percentile(ordered, p):
    """Nearest-rank percentile of a sorted list."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# Tools -----------------------------------------------------------------------------------------


def ensure_wrk():
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: `sudo apt-get install wrk` (Debian), then run again.")
    print("Installing wrk with apt-get")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or sys.exit("apt-get did not install wrk")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_status(url):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


if __name__ == "__main__":
    main()
