"""How fast a table of standards imports, against what the database itself takes.

    .venv/bin/python bench/import_standards.py [--rows 10000] [--database-url URL]

Makes N valid rows of 表1 with the full set of columns (unique plan numbers 2030xxxx-T-339,
titles, three committees, review dates), writes them as XLSX and as a GBK CSV, and times
`import_file` for a dry run (nothing written), the first import (every row new, a review each)
and a re-import (every row unchanged, nothing written). The floor is one plain `bulk_create` of
the same N standards, so the import's figures can be compared across machines as a multiple of it.

The database is a throwaway one: SQLite in a temporary folder by default; with
`--database-url postgres://postgres@127.0.0.1:5432/bulletin_bench` (or BENCH_DATABASE_URL) a
PostgreSQL database of that name, created for the run and dropped after it. The script refuses a
database that already exists, so it never touches the developer's.
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMITTEES = [
    ("全国汽车标准化技术委员会电子与电磁兼容分技术委员会", "电子与电磁兼容", "SAC/TC114/SC29"),
    ("全国汽车标准化技术委员会底盘分技术委员会", "底盘", "SAC/TC114/SC30"),
    ("全国汽车标准化技术委员会车身分技术委员会", "车身", "SAC/TC114/SC31"),
]
HEADER = ["序号", "计划号", "项目名称", "制修订", "领域", "阶段", "审查时间"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    args = parser.parse_args()
    if not 0 < args.rows <= 90000:
        parser.error("--rows must be between 1 and 90000")
    with tempfile.TemporaryDirectory() as folder, throwaway_database(args.database_url, folder):
        run(args.rows, Path(folder))


@contextmanager
def throwaway_database(url, folder):
    if not url:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        yield
        return
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("--database-url: only postgres:// URLs (SQLite is the default)")
    name = config["NAME"]
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            sys.exit(f"Database {name} exists already: the benchmark only uses one it creates.")
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    os.environ["DATABASE_URL"] = url
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(**server) as admin:
            admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))


def run(count, folder):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "0"  # a debug cursor would keep every query in memory
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import translation

    from common.spreadsheets import import_file, read_dataset
    from standards.models import Committee, Review, Standard
    from standards.resources import StandardResource

    translation.activate("zh-hans")
    settings.IMPORT_MAX_BYTES = 2**30
    call_command("migrate", verbosity=0)
    for name, short_name, code in COMMITTEES:
        Committee.objects.create(name=name, short_name=short_name, code=code, kind="sc")

    rows = table(count)
    files = {"CSV (GBK)": ("standards.csv", gbk_csv(rows)), "XLSX": ("standards.xlsx", xlsx(rows))}
    for filename, content in files.values():
        (folder / filename).write_bytes(content)
    print(f"{count} rows of 表1 on {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"{'':<30}{'seconds':>9}{'rows/s':>10}{'× floor':>9}{'queries':>9}")

    floor = None

    def show(label, seconds, queries):
        ratio = f"{seconds / floor:.1f}" if floor else "1.0"
        print(f"{label:<30}{seconds:>9.2f}{count / seconds:>10.0f}{ratio:>9}{queries:>9}")

    with transaction.atomic(), measured() as timing:
        Standard.objects.bulk_create(
            Standard(plan_number=plan, title=title, level="gb_t") for plan, title in plans(count)
        )
        transaction.set_rollback(True)
    floor = timing.seconds
    show("floor: bulk_create", timing.seconds, timing.queries)

    for label, (filename, content) in files.items():
        with measured() as timing:
            read_dataset(content, filename)
        show(f"reading {label}", timing.seconds, timing.queries)

    steps = [
        ("dry run (CSV)", "CSV (GBK)", True, "created"),
        ("first import (XLSX)", "XLSX", False, "created"),
        ("re-import (CSV)", "CSV (GBK)", False, "skipped"),
    ]
    for label, kind, dry_run, expected in steps:
        filename, content = files[kind]
        with measured() as timing:
            report = import_file(StandardResource(), content, filename, dry_run=dry_run)
        if not report.ok or getattr(report, expected) != count:
            sys.exit(f"{label}: {report.summary()} {[str(e) for e in report.errors[:5]]}")
        show(label, timing.seconds, timing.queries)
    assert Standard.objects.count() == Review.objects.count() == count
    history = Standard.history.count()
    print(f"history entries of standards: {history}")


def plans(count):
    for n in range(count):
        yield f"{2030 + n // 10000}{n % 10000:04d}-T-339", f"道路车辆 基准测试标准 第{n + 1}部分"


def table(count):
    rows = []
    for n, (plan, title) in enumerate(plans(count)):
        day = 1 + n % 27
        committee = COMMITTEES[n % len(COMMITTEES)][1]
        work_type = "修订" if n % 4 == 0 else "制定"
        review = f"2022.06.{day:02d}-2022.06.{day + 1:02d}"
        rows.append([n + 1, plan, title, work_type, committee, "审查", review])
    return rows


def gbk_csv(rows):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return text.getvalue().encode("gbk")


def xlsx(rows):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


class Timing:
    seconds = 0.0
    queries = 0


@contextmanager
def measured():
    from django.db import connection

    timing = Timing()

    def count(execute, sql, params, many, context):
        timing.queries += 1
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        yield timing
    timing.seconds = time.perf_counter() - start


if __name__ == "__main__":
    main()
