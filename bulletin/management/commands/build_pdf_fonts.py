"""The PDF's copies of the Noto CJK SC faces (bulletin/rendering/fonts.py), for make install."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bulletin.rendering import fonts


class Command(BaseCommand):
    help = (
        "Build the small copies of the Noto CJK SC faces that make PDF rendering fast, "
        "unless they are up to date."
    )
    requires_system_checks = []  # it runs at install, before anything else is set up

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", default=None, help=f"where to write them (default {settings.PDF_FONT_DIR})"
        )
        parser.add_argument("--force", action="store_true", help="build even when up to date")
        parser.add_argument(
            "--jobs", type=int, default=2, help="faces built at once (2; each needs ~200 MB)"
        )

    def handle(self, *args, folder, force, jobs, **options):
        folder = folder or settings.PDF_FONT_DIR
        if not force and fonts.is_current(folder):
            self.stdout.write(f"The PDF fonts in {folder} are up to date.")
            return
        started = time.monotonic()
        try:
            fonts.build(folder, jobs=jobs)
        except fonts.FontsUnavailable as error:
            raise CommandError(
                f"Cannot build the PDF fonts: {error} (Debian: apt-get install fonts-noto-cjk). "
                "PDFs still render, with the system's fonts, slower."
            ) from None
        self.stdout.write(f"Built the PDF fonts in {folder} ({time.monotonic() - started:.0f} s).")
