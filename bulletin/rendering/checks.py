"""Warn at startup when PDFs cannot be rendered properly on this machine."""

import shutil
import subprocess

from django.conf import settings
from django.core.checks import Error, Info, Warning, register

from . import fonts
from .pdf import PDF_VARIANTS

INSTALL_HINT = (
    "Run `make install` as root, or install Debian's fontconfig, fonts-noto-cjk, libpango-1.0-0, "
    "libpangoft2-1.0-0 and libharfbuzz-subset0 (see README.md)."
)


def cjk_font_families():
    if not shutil.which("fc-list"):
        return []
    listing = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return [line for line in listing.stdout.splitlines() if line.strip()]


@register()
def check_pdf_support(app_configs=None, **kwargs):
    problems = []
    families = cjk_font_families()
    if not families:
        problems.append(
            Warning(
                "No CJK font found: bulletin PDFs would show boxes instead of Chinese text.",
                hint=INSTALL_HINT,
                id="bulletin.W001",
            )
        )
    try:
        import weasyprint  # noqa: F401 - the import itself loads Pango
    except OSError as error:
        problems.append(
            Warning(
                f"WeasyPrint cannot load its system libraries ({error}); PDFs cannot be rendered.",
                hint=INSTALL_HINT,
                id="bulletin.W002",
            )
        )
        return problems
    if not fonts.harfbuzz_subset_available():
        problems.append(
            Warning(
                "HarfBuzz's subsetting library is missing: WeasyPrint falls back on fontTools, "
                "and each PDF takes seconds per Chinese font instead of milliseconds.",
                hint="Run `make install` as root, or install Debian's libharfbuzz-subset0.",
                id="bulletin.W003",
            )
        )
    if families and not fonts.built_fonts():
        problems.append(
            Info(
                f"The PDF fonts are not built in {settings.PDF_FONT_DIR}: PDFs are rendered with "
                "the system's full CJK fonts, several times slower.",
                hint="Run `make install`, or `manage.py build_pdf_fonts`.",
                id="bulletin.I001",
            )
        )
    return problems


@register()
def check_pdf_variant(app_configs=None, **kwargs):
    if settings.BULLETIN_PDF_VARIANT in PDF_VARIANTS:
        return []
    return [
        Error(
            f"BULLETIN_PDF_VARIANT is {settings.BULLETIN_PDF_VARIANT!r}: publishing would fail.",
            hint=f"Set it to one of {', '.join(PDF_VARIANTS)}, or leave it unset (pdf/ua-1).",
            id="bulletin.E001",
        )
    ]
