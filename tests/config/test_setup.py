"""The setup commands' own helpers."""

import subprocess

from django.conf import settings


def test_find_python_names_an_interpreter_new_enough_for_django():
    found = subprocess.run(
        [settings.BASE_DIR / "scripts" / "find-python"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    version = subprocess.run(
        [found, "-c", "import sys; print(sys.version_info >= (3, 12))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version == "True"


def test_find_python_explains_what_to_install_when_there_is_none(tmp_path):
    result = subprocess.run(
        ["/bin/sh", settings.BASE_DIR / "scripts" / "find-python"],
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path)},  # nothing to find
        check=False,
    )

    assert result.returncode == 1
    assert "Python 3.12 or newer" in result.stderr
    assert "PYTHON=" in result.stderr
