"""What the benchmark scripts share: their database, timing, and bench/results.json.

Each script measures one figure and its floor in the same run, on the same machine, and records
their ratio; our machines are shared and noisy, so only ratios are compared with the targets.

A script runs alone (`.venv/bin/python bench/pdf_render.py [--quick]`), on a throwaway database
it prepares, or under `make bench` (bench/run.py), which prepares one database for all of them
and passes it in BENCH_PREPARED_URL. The database is SQLite in a temporary folder unless
DATABASE_URL (or --database-url) names a PostgreSQL server: then a database named after it with
`_bench` appended is created for the run and dropped after it; the named database is untouched.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = ROOT / "bench" / "results.json"
SEED = 20220713


class Sizes:
    """The generated data: 100,000 standards, as the targets are stated; a tenth when quick."""

    def __init__(self, quick):
        self.standards = 10_000 if quick else 100_000
        self.meetings = 1_000 if quick else 10_000
        self.years = 1 if quick else 5
        self.quick = quick


def arguments(description, **extra):
    """The options every script takes; `extra` adds its own: {"--rows": {"type": int, ...}}."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a smaller data set and fewer runs")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a postgres:// URL: the throwaway database is named after it (default SQLite)",
    )
    for flag, options in extra.items():
        parser.add_argument(flag, **options)
    args = parser.parse_args()
    args.sizes = Sizes(args.quick)
    return args


def environment(url, folder):
    """What a Django process of the benchmark needs: its database, media and settings."""
    return {
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(Path(folder) / "media"),
        "STATIC_ROOT": str(Path(folder) / "static"),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "0",  # a debug cursor would keep every query in memory
        "PUBLIC_PAGE_CACHE_SECONDS": "0",
        # One client asks hundreds of times: no per-client rate limit (common/throttling.py).
        "PUBLIC_SEARCH_RATE": "",
        "PUBLIC_DOWNLOAD_RATE": "",
    }


@contextmanager
def database(args, data="generated", suffix=""):
    """Sets DATABASE_URL to a database holding `data` for the time of the block.

    "generated": migrated, the demo (the July 2022 issue, published) and generate_data's records
    at args.sizes; reused from bench/run.py when it prepared one. "empty": migrated only, always
    a new one, for scripts that write. On PostgreSQL its name is the URL's with `suffix`
    (`_bench`, or `_bench_empty` for an empty one, which must not replace a prepared one).
    """
    suffix = suffix or ("_bench" if data == "generated" else "_bench_empty")
    prepared = os.environ.get("BENCH_PREPARED_URL")
    if data == "generated" and prepared:
        os.environ.update(environment(prepared, os.environ["BENCH_PREPARED_FOLDER"]))
        yield prepared
        return
    migrated = os.environ.get("BENCH_MIGRATED_URL", "")
    with (
        tempfile.TemporaryDirectory(prefix="bulletin-bench-") as folder,
        throwaway(args.database_url, folder, suffix, template=migrated) as url,
    ):
        os.environ.update(environment(url, folder))
        if not migrated:
            manage("migrate", "--noinput")
        if data == "generated":
            # A copy of the migrated, empty database for the scripts that want one.
            with throwaway(args.database_url, folder, "_migrated", template=url) as empty:
                os.environ["BENCH_MIGRATED_URL"] = empty
                prepare(args.sizes)
                yield url
            os.environ.pop("BENCH_MIGRATED_URL", None)
        else:
            yield url


def prepare(sizes):
    manage("load_demo")
    manage(
        "generate_data",
        f"--standards={sizes.standards}",
        f"--meetings={sizes.meetings}",
        f"--years={sizes.years}",
        f"--seed={SEED}",
        "--until=2026-06",
        "--force",
    )


def manage(*command):
    manage_with(os.environ.copy(), *command)


def run_manage(env, *command):
    """manage.py with these arguments and environment, its output captured as text."""
    return subprocess.run(
        [PYTHON, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )


def manage_with(env, *command):
    started = time.perf_counter()
    completed = run_manage(env, *command)
    if completed.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
    print(f"  manage.py {' '.join(command)}: {time.perf_counter() - started:.1f} s", flush=True)


@contextmanager
def throwaway(url, folder, suffix="_bench", template=""):
    """A new database for the block, a copy of `template`'s (a database URL) when given."""
    if not url or url.startswith("sqlite"):
        path = Path(folder) / f"bench{suffix}.sqlite3"
        if template:
            shutil.copyfile(template.removeprefix("sqlite:///"), path)
        yield f"sqlite:///{path}"
        return
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The benchmarks run on SQLite (the default) or PostgreSQL (a postgres:// URL).")
    name = config["NAME"] + suffix
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        source = dj_database_url.parse(template)["NAME"]
        create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(source))
    with psycopg.connect(**server) as admin:
        admin.execute(drop)  # a run cut short leaves it; the name is the benchmark's own
        admin.execute(create)
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(**server) as admin:
            admin.execute(drop)


def setup_django():
    """Django in this process, on the database `database()` set up."""
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()
    from django.utils import translation

    translation.activate("zh-hans")


def best_of(repeat, function, *args, **kwargs):
    """The shortest of `repeat` runs in seconds, and the last run's result.

    The shortest run is the one least disturbed by the machine's other work.
    """
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - started)
    return best, result


class Queries:
    count = 0
    statements = ()


@contextmanager
def counted_queries(using="default"):
    """Counts the queries run in the block (and keeps their SQL) without a debug cursor."""
    from django.db import connections

    queries = Queries()
    queries.statements = []

    def count(execute, sql, params, many, context):
        queries.count += 1
        queries.statements.append(sql)
        return execute(sql, params, many, context)

    with connections[using].execute_wrapper(count):
        yield queries


def record(name, *, value, floor, unit, target, higher_is_better=False, label="", detail=""):
    """Prints a figure against its floor and target and merges it into bench/results.json.

    Times ("s") are better lower: the target is a ratio not to exceed. Throughputs ("req/s")
    are better higher: the target is a ratio to reach.
    """
    ratio = value / floor
    met = ratio >= target if higher_is_better else ratio <= target
    comparison = "≥" if higher_is_better else "≤"
    figure = {
        "value": round(value, 4),
        "floor": round(floor, 4),
        "ratio": round(ratio, 3),
        "unit": unit,
        "target": f"{comparison} {target}",
        "met": met,
        "label": label or name,
        "detail": detail,
        "database": database_vendor(),
        "quick": os.environ.get("BENCH_QUICK") == "1" or "--quick" in sys.argv,
    }
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[name] = figure
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    verdict = "met" if met else "NOT MET"
    print(
        f"{name}: {value:.3f} {unit}, floor {floor:.3f} {unit}, ratio {ratio:.2f} "
        f"(target {comparison} {target}: {verdict}){f' — {detail}' if detail else ''}",
        flush=True,
    )
    return figure


def database_vendor():
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres", "postgresql")) else "sqlite"
