"""`make bench`: every benchmark on one prepared database, then their table for the README.

    .venv/bin/python bench/run.py [--quick] [--database-url URL] [--only pdf_render,lists]

The database is prepared once (bench/harness.py: SQLite by default, PostgreSQL when DATABASE_URL
or --database-url names a server) and each script runs in a process of its own on it; the import
makes its own empty one. bench/results.json gets this run's figures only, and
bench/results-<database>.md the Markdown table with the machine it ran on.
"""

import json
import os
import platform
import subprocess
import sys
import time
from datetime import date

import harness

SCRIPTS = [
    "pdf_render",
    "lists",
    "pages",
    "api_list",
    "search_site",
    "exports",
    "downloads",
    "import_10k",
    "admin_changelist",
    "mailing",
]


def main():
    args = harness.arguments(
        __doc__.split("\n\n")[0],
        **{"--only": {"default": "", "help": "comma-separated scripts, e.g. pdf_render,lists"}},
    )
    scripts = [name for name in args.only.split(",") if name] or SCRIPTS
    unknown = set(scripts) - set(SCRIPTS)
    if unknown:
        sys.exit(f"--only: no such benchmark {', '.join(sorted(unknown))}")
    harness.RESULTS.write_text("{}\n")
    started = time.perf_counter()
    failed = []
    print(f"Preparing the database ({'quick' if args.quick else 'full'} data set)", flush=True)
    with harness.database(args) as url:
        env = {
            **os.environ,
            "BENCH_PREPARED_URL": url,
            "BENCH_PREPARED_FOLDER": str(os.path.dirname(os.environ["MEDIA_ROOT"])),
            "BENCH_QUICK": "1" if args.quick else "0",
        }
        database = describe_database()
        for name in scripts:
            print(f"\n== {name}", flush=True)
            command = [harness.PYTHON, f"bench/{name}.py", f"--database-url={args.database_url}"]
            if args.quick:
                command.append("--quick")
            script_started = time.perf_counter()
            if subprocess.run(command, cwd=harness.ROOT, env=env).returncode:
                failed.append(name)
            print(f"({name}: {time.perf_counter() - script_started:.0f} s)", flush=True)
    results = json.loads(harness.RESULTS.read_text())
    table = markdown(results, database, args.quick)
    report = harness.ROOT / "bench" / f"results-{harness.database_vendor()}.md"
    report.write_text(table)
    print(f"\n{table}\nWritten to {report.relative_to(harness.ROOT)} and bench/results.json")
    print(f"make bench took {time.perf_counter() - started:.0f} s")
    if failed:
        sys.exit(f"Failed: {', '.join(failed)}")


def describe_database():
    """The database's name and version, read in a child process (this one has no Django)."""
    code = (
        "from django.db import connection as c; import harness; harness.setup_django();"
        "print(c.vendor, c.cursor().connection.info.server_version if c.vendor == 'postgresql'"
        " else __import__('sqlite3').sqlite_version)"
    )
    output = subprocess.run(
        [harness.PYTHON, "-c", "import sys; sys.path.insert(0, 'bench');" + code],
        cwd=harness.ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    if len(output) != 2:
        return "?"
    vendor, version = output
    if vendor == "postgresql":
        major, minor = divmod(int(version), 10000)
        return f"PostgreSQL {major}.{minor}"
    return f"SQLite {version}"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            names = [line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def markdown(results, database, quick):
    data = "10,000 standards (quick)" if quick else "100,000 standards"
    lines = [
        f"{database}, {data}, {date.today():%Y-%m-%d}; {machine()}",
        "",
        "| figure | value | floor | ratio | target | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for name, figure in results.items():
        value, floor = figure["value"], figure["floor"]
        lines.append(
            f"| {figure['label']} (`{name}`) | {amount(value, figure['unit'])} "
            f"| {amount(floor, figure['unit'])} | {figure['ratio']:.2f} | {figure['target']} "
            f"| {'yes' if figure['met'] else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


def amount(value, unit):
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
    if unit == "req/s":
        return f"{value:,.0f} req/s"
    return f"{value:g} {unit}"


if __name__ == "__main__":
    main()
