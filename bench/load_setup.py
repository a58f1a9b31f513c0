"""The throwaway database, its generated data and static files, and the gunicorn process."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from harness import run_manage

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bulletin_load"
SEED = 20220713  # the generated data and the URL mix


class Site:
    """The throwaway database, a folder for its media and static files, and gunicorn on them."""

    def __init__(self, args):
        self.args = args
        self.database = Database(args.database_url)
        self.folder = Path(tempfile.gettempdir()) / f"bulletin-load-{self.database.name}"
        self.port = free_port()
        self.cache_prefix = f"bulletin-load-{secrets.token_hex(4)}"

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
            # The production settings plus the hello-world view of the floor.
            "DJANGO_SETTINGS_MODULE": "bench.site_settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            # The load is one client asking thousands of times: no per-client rate limit.
            "PUBLIC_SEARCH_RATE": "",
            "PUBLIC_DOWNLOAD_RATE": "",
            # Production requires mail settings; nothing here sends any.
            "EMAIL_URL": "console://",
            "DEFAULT_FROM_EMAIL": "汽车标准月报 <bench@localhost>",
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
        completed = run_manage(env or self.environment(), *command)
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
        return {
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
        server = Server(process, f"http://127.0.0.1:{self.port}", log, access, env)
        try:
            server.wait_ready()
            yield server
        finally:
            server.stop()

    @contextmanager
    def worker(self):
        """`manage.py db_worker` on the production settings, for the block."""
        with open(self.folder / "worker.log", "w") as output:
            process = subprocess.Popen(
                [PYTHON, "manage.py", "db_worker"],
                cwd=ROOT,
                env=self.production(),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def forget_cached_pages(self):
        import redis

        client = redis.Redis.from_url(self.args.redis_url)
        keys = list(client.scan_iter(match=f"{self.cache_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])


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


class Server:
    def __init__(self, process, url, log, access, env):
        self.process = process
        self.url = url
        self.log = log
        self.access = access
        self.env = env
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

    def describe(self):
        # The values config/gunicorn.py settled on, as gunicorn prints them.
        env = self.env
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
