"""The PDF read as a reader's tools read it: poppler's pdffonts and pdftotext (make install)."""

import re
import shutil
import subprocess


def poppler(*command):
    assert shutil.which(command[0]), f"{command[0]} is missing: install poppler-utils"
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdffonts(pdf, tmp_path):
    """pdffonts' rows for the PDF's bytes as {name without its subset tag: embedded?}."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    rows = poppler("pdffonts", str(path)).splitlines()[2:]
    return {row.split()[0].split("+")[-1]: row.split()[-5] == "yes" for row in rows}


def pdftotext(pdf, tmp_path):
    """The PDF's text as pdftotext extracts it, without white space."""
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return re.sub(r"\s+", "", poppler("pdftotext", str(path), "-"))
