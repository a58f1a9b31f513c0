"""Backups: the database and the media files it refers to in one archive, and back again.

`format.py` describes the archive and holds what both directions share, `archive.py` writes one
(`manage.py backup`) and `restore.py` checks and restores one (`manage.py restore`). This package
imports none of them: Django imports it while the apps are still loading.
"""
