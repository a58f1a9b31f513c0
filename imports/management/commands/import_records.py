"""Import a spreadsheet of records from the command line, whole or not at all."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from common.spreadsheets import import_file
from imports import registry
from imports.formats import errors_to_show

# A file of more rows than this shows a progress bar, when the output is a terminal.
PROGRESS_ROWS = 200


class Command(BaseCommand):
    help = _("导入表格文件（XLSX 或 CSV）中的记录：全部有效才写入，否则逐行列出错误。")

    def add_arguments(self, parser):
        kinds = [kind.value for kind in registry.kinds()]
        parser.add_argument("kind", choices=kinds, help=_("记录的种类"))
        parser.add_argument("file", help=_("XLSX 或 CSV 文件"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("试导入：只检查并报告，不写入")
        )
        # Every kind's options: each kind's resource takes them all and uses its own.
        for option in registry.options():
            parser.add_argument(
                f"--{option.name}", type=option.command_type, help=str(option.command_help)
            )

    def handle(self, *args, kind, file, dry_run, **options):
        path = Path(file)
        limit = settings.IMPORT_MAX_BYTES
        try:
            size = path.stat().st_size
            # Refused before it is read: the file may be any size.
            if size > limit:
                raise CommandError(
                    _("文件有 %(size).1f MB，超过上限 %(limit)d MB：请分成几个文件导入。")
                    % {"size": size / 2**20, "limit": limit // 2**20}
                )
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("无法读取文件“%(file)s”：%(error)s") % {"file": file, "error": error.strerror}
            ) from None
        chosen = {option.name: options.get(option.name) for option in registry.options()}
        for option in registry.options():
            if chosen[option.name] and option.check:
                try:
                    option.check(chosen[option.name])
                except ValueError as error:
                    raise CommandError(str(error)) from None
        # The bar goes to the error stream as it is: Django's wrapper would end each redraw
        # with a new line.
        stream = options.get("stderr") or sys.stderr
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None and total > PROGRESS_ROWS and stream.isatty():
                bar = tqdm(total=total, unit=_("行"), file=stream)
            if bar is not None:
                bar.update(done - bar.n)

        resource = registry.get(kind).resource_class(progress=progress, **chosen)
        try:
            report = import_file(resource, content, path.name, dry_run=dry_run)
        finally:
            if bar is not None:
                bar.close()
        if not report.ok:
            errors = [str(error) for error in errors_to_show(report)]
            raise CommandError("\n".join([report.summary(), *errors]))
        self.stdout.write(report.summary())
