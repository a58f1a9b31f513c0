import tempfile

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from backups.format import BackupError, megabytes
from backups.restore import read_archive, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: check its signature and every "
        "checksum, migrate an empty database, load every row in one transaction, write the "
        "files back to storage and compare the row counts with the archive's. A database that "
        "already holds data is left alone unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete everything in a database that already holds data (sessions included) "
            "and replace it, and any of the archive's files storage already has, with the "
            "archive's contents.",
        )
        parser.add_argument(
            "--trust-unsigned",
            action="store_true",
            help="Restore an archive whose signature is missing or does not verify (made "
            "before backups were signed, or with another BACKUP_SIGNING_KEY). Anyone who could "
            "edit the archive could have changed any row in it, users and their rights included.",
        )

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory(prefix="restore-") as workdir:
            try:
                trust_unsigned = options["trust_unsigned"]
                archive = read_archive(options["archive"], workdir, trust_unsigned=trust_unsigned)
                manifest = archive.manifest
                files = manifest["files"]
                made = timezone.localtime(archive.created_at)
                self.stdout.write(
                    f"{archive.path}: made {made.isoformat(timespec='seconds')} on "
                    f"{manifest['database']}, {len(files)} files "
                    f"({megabytes(sum(f['size'] for f in files))}); "
                    + (
                        "signature not checked (--trust-unsigned), "
                        if trust_unsigned
                        else "signed, "
                    )
                    + "every checksum matches."
                )
                report = restore_backup(archive, force=options["force"])
            except BackupError as error:
                raise CommandError(str(error)) from error
        if report.migrated:
            self.stdout.write("Migrated the empty database.")
        if report.replaced:
            replaced = sum(report.replaced.values())
            self.stdout.write(f"Deleted the {replaced} rows the database held (--force).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.records} rows of {report.models} models, every count as in "
                f"the archive; wrote {report.files_written} files to storage "
                f"({report.files_present} were already there)."
            )
        )
        for missing in manifest.get("missing_files", []):
            if missing["referenced_by"] == "records":
                self.stderr.write(
                    self.style.WARNING(f"Missing when the backup was made: {missing['name']}")
                )
