"""config/gunicorn.py's hooks."""

import gc
import runpy
from pathlib import Path

GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def test_the_preloaded_application_is_frozen_before_each_fork():
    hooks = runpy.run_path(str(GUNICORN_CONFIG))
    gc.unfreeze()
    try:
        hooks["pre_fork"](server=None, worker=None)
        # What the master holds then is out of the workers' collections.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
