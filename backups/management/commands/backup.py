from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import create_backup, default_archive_path
from backups.format import BackupError, megabytes


class Command(BaseCommand):
    help = (
        "Write the database and every media file it refers to into one .tar.gz archive, with a "
        "manifest of row counts and file checksums, signed with BACKUP_SIGNING_KEY. Restore it "
        "with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="Archive to write (default: BACKUP_DIR/backup-YYYYmmdd-HHMMSS.tar.gz).",
        )

    def handle(self, *args, **options):
        try:
            report = create_backup(options["output"] or default_archive_path())
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in report.missing:
            self.stderr.write(
                self.style.WARNING(f"Missing from storage, so not in the archive: {name}")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {report.path} ({megabytes(report.path.stat().st_size)}): "
                f"{report.records} rows of {report.models} models, {report.files} files "
                f"({megabytes(report.file_bytes)})."
            )
        )
