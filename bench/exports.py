"""The public standards list downloaded filtered as CSV and XLSX, against the writers' own speed.

    .venv/bin/python bench/exports.py [--quick] [--repeat N] [--database-url URL]

A list's full download is a published file (bench/downloads.py has its speed); a filtered one
is written as it is sent. On the generated data (100,000 standards, about 90,000 of them public,
40,000 of them GB/T, FILTER; a tenth with --quick), each filtered download is timed as a client
gets it: the request through Django's test client, the query, and the whole streamed body read.
Its floor is the bare writer given the same rows, already in memory as lists (the download's own
cells, read back from its CSV), writing them to a temporary file:

- export_csv: the CSV download, against the csv module's writer; target ≤ 3×.
- export_xlsx: the XLSX download, against openpyxl's write-only workbook; target ≤ 1×.

Each is the best of --repeat runs (default 5, 3 quick; three times as many for the CSV, whose
runs are short), a download and its floor taking turns. The peak memory of each download is that
of a fresh process doing only that download (Linux's VmHWM; in `detail`, with the process's before
the request), and every download is checked: one row per public standard and the header, a
Chinese title intact, the XLSX readable by openpyxl.
"""

import argparse
import csv
import gc
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import harness

SCRIPT = Path(__file__).resolve()

FORMATS = ("csv", "xlsx")
FILTER = {"level": "gb_t"}
CHINESE = "道路车辆"


def main():
    args = harness.arguments(
        __doc__.split("\n\n")[0],
        **{
            "--repeat": {"type": int, "default": 0, "help": "runs of each (5; 3 quick)"},
            "--child": {"choices": FORMATS, "help": argparse.SUPPRESS},
            "--query": {"default": "", "help": argparse.SUPPRESS},
        },
    )
    if args.child:  # one download in a process of its own, for its peak memory
        harness.setup_django()
        print(json.dumps(child(args.child, args.query)))
        return
    with harness.database(args):
        harness.setup_django()
        measure(FILTER, args.repeat or (3 if args.quick else 5))


def measure(query, repeat):
    from urllib.parse import urlencode

    from standards.models import Standard

    expected = Standard.objects.published().filter(**query).count()
    downloads = {format: Download(format, query) for format in FORMATS}
    contents = {format: download() for format, download in downloads.items()}  # warm up
    rows = list(csv.reader(io.StringIO(contents["csv"].decode("utf-8-sig"))))
    # The XLSX leaves empty cells out; openpyxl does for None.
    sheet_rows = [[value or None for value in row] for row in rows]
    checks = {format: check(format, contents[format], expected) for format in FORMATS}
    del contents
    floors = {"csv": lambda: csv_floor(rows), "xlsx": lambda: openpyxl_floor(sheet_rows)}
    best = {}
    for format in FORMATS:
        # A format's download and its floor take turns; the other format's runs, whose garbage
        # would slow the next ones, are not in between.
        runs = {format: downloads[format], f"{format} floor": floors[format]}
        # The CSV's runs are short, a moment of the shared machine's other work: more of them.
        for _ in range(repeat * 3 if format == "csv" else repeat):
            for name, run in runs.items():
                gc.collect()
                seconds, _result = harness.best_of(1, run)
                best[name] = min(best.get(name, seconds), seconds)
    what = f"{expected} rows" + (f", ?{urlencode(query)}" if query else "")
    for format, target, floor in (("csv", 3.0, "csv.writer"), ("xlsx", 1.0, "openpyxl")):
        memory = peak_memory(format, query)
        download = downloads[format]
        harness.record(
            f"export_{format}",
            value=best[format],
            floor=best[f"{format} floor"],
            unit="s",
            target=target,
            label=f"Standards list as {format.upper()}, {what} (floor: {floor})",
            detail=(
                f"{what}, {download.size / 2**20:.1f} MB, {download.queries} queries; "
                f"peak RSS {memory['peak']:.0f} MB ({memory['before']:.0f} MB before the request); "
                f"{checks[format]}"
            ),
        )


class Download:
    """The list's download as a client gets it: the request, then its body read to the end."""

    def __init__(self, format, query):
        from django.test import Client
        from django.urls import reverse

        self.client = Client(SERVER_NAME="localhost")  # a host the settings allow
        self.url = reverse("standards:standard-export", kwargs={"format": format})
        self.query = query
        self.size = self.queries = 0

    def __call__(self):
        with harness.counted_queries() as queries:
            response = self.client.get(self.url, self.query)
            assert response.status_code == 200, response.status_code
            content = b"".join(response.streaming_content)
        self.size, self.queries = len(content), queries.count
        return content


def check(format, content, expected):
    """The download has every row and the header, Chinese intact; the XLSX opens."""
    if format == "csv":
        assert content.startswith(b"\xef\xbb\xbf"), "no byte order mark"
        table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True)
        table = [list(row) for row in workbook.active.iter_rows(values_only=True)]
        workbook.close()
    assert len(table) == expected + 1, f"{format}: {len(table) - 1} rows, not {expected}"
    titles = [row[2] for row in table[1:] if row[2] and CHINESE in row[2]]
    assert titles, f"{format}: no title with {CHINESE}"
    return f"checked: {expected} rows, Chinese intact ({titles[0][:20]}…)"


def csv_floor(rows):
    with tempfile.TemporaryFile("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)


def openpyxl_floor(rows):
    from openpyxl import Workbook

    with tempfile.TemporaryFile() as file:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("standards")
        for row in rows:
            sheet.append(row)
        workbook.save(file)


def peak_memory(format, query):
    """{"before": MB, "peak": MB} of a fresh process that does only this download."""
    from urllib.parse import urlencode

    command = [harness.PYTHON, SCRIPT, "--child", format, "--query", urlencode(query)]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.splitlines()[-1])


def child(format, query):
    from urllib.parse import parse_qsl

    download = Download(format, dict(parse_qsl(query)))
    before = peak_rss()
    started = time.perf_counter()
    response = download.client.get(download.url, download.query)
    size = sum(len(chunk) for chunk in response.streaming_content)
    return {
        "before": before,
        "peak": peak_rss(),
        "seconds": time.perf_counter() - started,
        "bytes": size,
    }


def peak_rss():
    """This process's peak resident memory in MB.

    Linux's VmHWM is the process's own since it started; ru_maxrss would count the parent's too,
    which it keeps across the fork and exec that started this process.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
