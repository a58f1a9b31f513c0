"""Importing 10,000 standards (表1), against django-import-export's default path on the same file.

    .venv/bin/python bench/import_10k.py [--quick] [--rows N] [--database-url URL]

The data: N rows of 表1 with its full set of columns (unique plan numbers 2030xxxx-T-339, titles,
制修订, three committees by short name, 阶段, review dates), as an XLSX written the way Excel
writes one (shared strings, by XlsxWriter) and as a GBK CSV. The database is a fresh, migrated,
empty throwaway one (harness.database) with the three committees.

The figure, import_10k: `import_file(StandardResource(), xlsx)`, every row new: the file read,
each row validated as the admin form would, N standards with a history entry each and N reviews
with theirs written, in one transaction, timed inside an outer transaction that is then rolled
back, so that each run starts from the same empty state.

Its floor: the same file through `DefaultPathResource`: StandardResource's columns, widgets and
validation (its own full_clean, so the same messages and no more queries than ours) with
django-import-export's defaults for everything that affects speed: `use_bulk = False`, so each
row is looked up with a query of its own (by plan number, the key StandardResource finds rows
by), saved with its own `save()` in a savepoint of its own (the history entry by
simple_history's signal) and its review created after a query for it; the library's
`import_row`, which deep-copies each row, and `skip_diff = False`, so each row is exported twice
for its diff; `skip_unchanged = False`; no pre-read of stored records. Same file, same reader,
same empty state, same rolled-back outer transaction, runs alternated with ours; the best of
each counts.

Checked on the way: both paths store the same standards, reviews and history entries, and a file
with bad rows (the last one too) gets the same row errors from both and writes nothing.

Printed too: reading each file, a dry run (CSV), a re-import of every row unchanged (CSV), and the
floor of the old benchmark, one plain `bulk_create` of the N standards, as a multiple of which
the import is shown.
"""

import csv
import io
import sys
import time

import harness

COMMITTEES = [
    ("全国汽车标准化技术委员会电子与电磁兼容分技术委员会", "电子与电磁兼容", "SAC/TC114/SC29"),
    ("全国汽车标准化技术委员会底盘分技术委员会", "底盘", "SAC/TC114/SC30"),
    ("全国汽车标准化技术委员会车身分技术委员会", "车身", "SAC/TC114/SC31"),
]
HEADER = ["序号", "计划号", "项目名称", "制修订", "领域", "阶段", "审查时间"]
# Rows that fail, each for another reason, put among valid ones; the last row of the file too.
BAD_ROWS = [
    ["20309999-X-339", "计划号格式不对", "制定", "底盘", "审查", "2022.06.01-2022.06.02"],
    ["20309998-T-339", "领域不存在", "制定", "发动机", "审查", "2022.06.01-2022.06.02"],
    ["20309997-T-339", "制修订不对", "废止", "底盘", "审查", "2022.06.01-2022.06.02"],
    ["20309996-T-339", "日期不对", "制定", "底盘", "审查", "2022.13.45"],
    ["20300001-T-339", "计划号与前面的行重复", "制定", "底盘", "审查", ""],
    ["20309995-T-339", "", "制定", "车身", "起草", ""],
]


def main():
    args = harness.arguments(
        __doc__.split("\n\n")[0],
        **{"--rows": {"type": int, "default": 0, "help": "rows of the file (10000; 1000 quick)"}},
    )
    rows = args.rows or (1000 if args.quick else 10000)
    repeat = 1 if args.quick else 3
    with harness.database(args, data="empty"):
        harness.setup_django()
        run(rows, repeat)


def run(count, repeat):
    from django.conf import settings
    from django.db import connection

    from common.spreadsheets import read_dataset
    from standards.models import Committee

    settings.IMPORT_MAX_BYTES = 2**30
    for name, short_name, code in COMMITTEES:
        Committee.objects.create(name=name, short_name=short_name, code=code, kind="sc")
    table = rows_of_table_1(count)
    xlsx_file, csv_file = xlsx(table), gbk_csv(table)
    print(f"{count} rows of 表1 on {connection.vendor}; best of {repeat}", flush=True)

    bulk = min(rolled_back(plain_bulk_create, count) for _ in range(repeat))
    line("floor of the old benchmark: bulk_create", bulk, count, bulk)
    for label, content, name in [("XLSX", xlsx_file, "t.xlsx"), ("CSV", csv_file, "t.csv")]:
        seconds, _dataset = harness.best_of(repeat, read_dataset, content, name)
        line(f"reading {label}", seconds, count, bulk)

    ours, default = [], []
    for _ in range(repeat):  # alternated, so that both meet the same moments of the machine
        ours.append(rolled_back(import_with, "ours", xlsx_file, "t.xlsx"))
        default.append(rolled_back(import_with, "default", xlsx_file, "t.xlsx"))
    ours_run, default_run = min(ours), min(default)
    for run_ in (ours_run, default_run):
        if not run_.report.ok or run_.report.created != count:
            sys.exit(f"{run_.path}: {run_.report.summary()} {run_.report.errors[:3]}")
    if ours_run.stored != default_run.stored:
        sys.exit("The two paths stored different records.")
    line("import, ours (XLSX)", ours_run.seconds, count, bulk, ours_run.queries)
    line("import, default path (XLSX)", default_run.seconds, count, bulk, default_run.queries)

    errors = same_errors(table[:50])
    print(f"  a file with {len(BAD_ROWS) + 1} bad rows: the same {errors} errors by both paths")

    dry = min(rolled_back(import_with, "ours", csv_file, "t.csv", True) for _ in range(repeat))
    if dry.report.created != count or any(dry.stored):
        sys.exit(f"dry run: {dry.report.summary()}")
    line("dry run, ours (CSV)", dry.seconds, count, bulk, dry.queries)
    import_with("ours", csv_file, "t.csv")  # stored for good: the re-import finds every row
    again = min(rolled_back(import_with, "ours", csv_file, "t.csv") for _ in range(repeat))
    if again.report.skipped != count:
        sys.exit(f"re-import: {again.report.summary()}")
    line("re-import, unchanged, ours (CSV)", again.seconds, count, bulk, again.queries)

    harness.record(
        "import_10k",
        value=ours_run.seconds,
        floor=default_run.seconds,
        unit="s",
        target=0.3,
        label=f"Import of {count:,} standards (XLSX) vs django-import-export's default path",
        detail=(
            f"{ours_run.seconds / bulk:.1f}× a plain bulk_create; {ours_run.queries} queries "
            f"against {default_run.queries}; same records, and the same {errors} row errors"
        ),
    )


class Run:
    def __init__(self, path, seconds, report, queries, stored):
        self.path, self.seconds, self.report = path, seconds, report
        self.queries, self.stored = queries, stored

    def __lt__(self, other):
        return self.seconds < other.seconds


def import_with(path, content, filename, dry_run=False):
    from common.spreadsheets import import_file
    from standards.resources import StandardResource

    resource = StandardResource() if path == "ours" else default_path_resource()()
    with harness.counted_queries() as queries:
        started = time.perf_counter()
        report = import_file(resource, content, filename, dry_run=dry_run)
        seconds = time.perf_counter() - started
    return Run(path, seconds, report, queries.count, stored())


def rolled_back(function, *args, **kwargs):
    from django.db import transaction

    with transaction.atomic():
        result = function(*args, **kwargs)
        transaction.set_rollback(True)
    return result


def stored():
    """What an import wrote: table 1's values and the history entries, without ids or times."""
    from standards.models import Review, Standard

    standards = Standard.objects.values_list(
        "plan_number", "title", "level", "work_type", "committee__code", "stage", "version"
    )
    reviews = Review.objects.values_list("standard__plan_number", "start_date", "end_date")
    history = (
        Standard.history.values_list("plan_number", "history_type"),
        Review.history.values_list("standard__plan_number", "start_date", "history_type"),
    )
    return [sorted(standards), sorted(reviews), *(sorted(entries) for entries in history)]


def same_errors(rows):
    """The row errors of a file with bad rows, the same by both paths; how many there are."""
    bad = [[n, *row] for n, row in enumerate(BAD_ROWS, len(rows) + 1)]
    content = xlsx([*rows[:25], *bad[:3], *rows[25:], *bad[3:], bad[0]])
    runs = [rolled_back(import_with, path, content, "bad.xlsx") for path in ("ours", "default")]
    messages = [[str(error) for error in run_.report.errors] for run_ in runs]
    if messages[0] != messages[1] or not messages[0]:
        sys.exit(f"Not the same errors:\n{messages[0]}\n{messages[1]}")
    if any(any(records) for records in (run_.stored for run_ in runs)):
        sys.exit("A file with bad rows wrote records.")
    return len(messages[0])


def default_path_resource():
    """StandardResource with django-import-export's defaults for what affects speed."""
    from import_export.resources import ModelResource

    from standards.models import Review
    from standards.resources import StandardResource

    class DefaultPathResource(StandardResource):
        class Meta(StandardResource.Meta):
            use_bulk = False
            skip_unchanged = False
            skip_diff = False

        def import_data(self, dataset, dry_run=False, diffs=True, **kwargs):
            return super().import_data(dataset, dry_run=dry_run, diffs=True, **kwargs)

        def before_import(self, dataset, **kwargs):
            self._total, self._keys_seen, self._rows, self._reviews = len(dataset), {}, {}, None

        def get_instance(self, instance_loader, row):
            key = self.row_key(row)
            standards = self._meta.model.objects
            if isinstance(key, tuple):
                return standards.filter(plan_number="", title=key[1]).order_by("pk").first()
            return standards.filter(plan_number=key).first()

        # The library's own, where ours differ: a deep copy of each row, the import fields
        # listed again for each use, a save() per row.
        import_row = ModelResource.import_row
        get_import_fields = ModelResource.get_import_fields
        skip_row = ModelResource.skip_row
        save_instance = ModelResource.save_instance

        def after_save_instance(self, standard, row, **kwargs):
            dates = {"start_date": standard.review_start, "end_date": standard.review_end}
            if standard.review_start and not standard.reviews.filter(**dates).exists():
                Review.objects.create(standard=standard, **dates)

    return DefaultPathResource


def plain_bulk_create(count):
    from standards.models import Standard

    started = time.perf_counter()
    Standard.objects.bulk_create(
        Standard(plan_number=plan, title=title, level="gb_t") for plan, title in plans(count)
    )
    return time.perf_counter() - started


def line(label, seconds, count, bulk, queries=None):
    queries = "" if queries is None else f"{queries:>9}"
    print(
        f"  {label:<36}{seconds:>8.3f} s{count / seconds:>9.0f} rows/s"
        f"{seconds / bulk:>7.1f}× bulk_create{queries}",
        flush=True,
    )


def plans(count):
    for n in range(count):
        yield f"{2030 + n // 10000}{n % 10000:04d}-T-339", f"道路车辆 基准测试标准 第{n + 1}部分"


def rows_of_table_1(count):
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
    import xlsxwriter

    content = io.BytesIO()
    workbook = xlsxwriter.Workbook(content, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for number, row in enumerate([HEADER, *rows]):
        sheet.write_row(number, 0, row)
    workbook.close()
    return content.getvalue()


if __name__ == "__main__":
    main()
