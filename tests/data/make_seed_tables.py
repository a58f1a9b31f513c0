"""Write the seed bulletin's tables (July 2022, 表1–表4) as the spreadsheets editors upload,
and its meetings as printed.

Run once from the project root and commit what it writes next to it:

    .venv/bin/python tests/data/make_seed_tables.py [path/to/bulletin-2022-07.txt]

The seed defaults to ../shared/seed/bulletin-2022-07.txt beside the project. Files written:

- seed-table1.gbk.csv: 表1 汽车标准审查情况表 (7 rows) in GBK bytes, comma-separated, as Chinese
  Excel saves "CSV (逗号分隔)".
- seed-table1.xlsx: 表1 as XLSX.
- seed-table2.utf8-bom.csv: 表2 汽车强制性国家标准征求意见汇总表 (9 rows, printed in two parts
  with the header repeated; one table here) in UTF-8 with a byte order mark, as Excel saves
  "CSV UTF-8". Its 网页链接地址 cells say "点击查看详细信息", which imports as no link.
- seed-table3.gbk.csv, seed-table4.gbk.csv: 表3 (4 rows) and 表4 (1 row) in GBK.
- seed-table2.xlsx, seed-table3.xlsx, seed-table4.xlsx: 表2–表4 as XLSX whose 网页链接地址 cells
  read "点击查看详细信息" and link to LINK_FORMAT's address, as in the bulletin's Word tables; the
  import takes the link's address.

Every cell is text, as typed in the bulletin; 序号 is a number in the XLSX files.

- seed-meetings.txt: PART 02 标准会议动态 as the seed prints it, the 14 meetings whose opening
  sentences the generated leads are checked against.
"""

import csv
import io
import re
import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
SEED = HERE.parents[2] / "shared" / "seed" / "bulletin-2022-07.txt"
LINK_FORMAT = "https://www.example.com/comment-requests/2022-07/table{table}/{number}"
LINK_COLUMN = "网页链接地址"
FILE_DATE = datetime(2022, 7, 13)
ROW_COUNTS = {1: 7, 2: 9, 3: 4, 4: 1}


def read_tables(text):
    """{table number: (header, rows)} of the tab-separated tables under each "表N" heading."""
    tables = {}
    table = None
    for line in text.splitlines():
        if heading := re.match(r"^表\s*(\d)\s", line):
            table = int(heading[1])
        elif table is not None and line.startswith("序号\t"):
            header = line.split("\t")
            tables.setdefault(table, (header, []))
        elif table is not None and re.match(r"^\d+\t", line):
            tables[table][1].append(line.split("\t"))
    for number, count in ROW_COUNTS.items():
        header, rows = tables[number]
        assert len(rows) == count, f"表{number}: {len(rows)} rows, expected {count}"
        assert all(len(row) == len(header) for row in rows), f"表{number}: ragged rows"
    return tables


def read_meetings(text):
    """The body's PART 02, from its heading up to PART 03 (the contents name both first)."""
    start = text.rindex("PART 02 标准会议动态")
    return text[start : text.rindex("PART 03 行业资讯动态")].rstrip() + "\n"


def csv_bytes(header, rows, encoding):
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def write_xlsx(path, table, header, rows):
    workbook = Workbook()
    # A fixed date, so that running the script again writes the same bytes.
    workbook.properties.created = workbook.properties.modified = FILE_DATE
    sheet = workbook.active
    sheet.title = f"表{table}"
    sheet.append(header)
    link_index = header.index(LINK_COLUMN) if LINK_COLUMN in header else None
    for row in rows:
        sheet.append([int(row[0]), *row[1:]])
        if link_index is not None:
            cell = sheet.cell(row=sheet.max_row, column=link_index + 1)
            cell.hyperlink = LINK_FORMAT.format(table=table, number=row[0])
    workbook.save(path)


def main(seed=SEED):
    text = Path(seed).read_text(encoding="utf-8")
    tables = read_tables(text)
    csv_files = {
        "seed-table1.gbk.csv": (1, "gbk"),
        "seed-table2.utf8-bom.csv": (2, "utf-8-sig"),
        "seed-table3.gbk.csv": (3, "gbk"),
        "seed-table4.gbk.csv": (4, "gbk"),
    }
    for name, (table, encoding) in csv_files.items():
        (HERE / name).write_bytes(csv_bytes(*tables[table], encoding))
    for table, (header, rows) in tables.items():
        write_xlsx(HERE / f"seed-table{table}.xlsx", table, header, rows)
    (HERE / "seed-meetings.txt").write_text(read_meetings(text), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
