"""Backups: the database and the media files it refers to in one archive, and back again.

`format.py` describes the archive and holds what both directions share, `archive.py` writes one
(`manage.py backup`) and `restore.py` checks and restores one (`manage.py restore`).
"""

from .archive import BackupReport, create_backup, default_archive_path
from .format import NATURAL_KEY_MODELS, BackupError, backed_up_models, megabytes
from .restore import (
    Archive,
    RestoreReport,
    existing_records,
    flush_database,
    read_archive,
    restore_backup,
)

__all__ = [
    "NATURAL_KEY_MODELS",
    "Archive",
    "BackupError",
    "BackupReport",
    "RestoreReport",
    "backed_up_models",
    "create_backup",
    "default_archive_path",
    "existing_records",
    "flush_database",
    "megabytes",
    "read_archive",
    "restore_backup",
]
