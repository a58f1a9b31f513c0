"""The ground floor's background work: the lists' published downloads (common.downloads)."""

from django.tasks import task

from . import downloads


@task
def write_download_file(name, format, language, view_path, claimed):
    """Write a list's full download for the current content generation (`claimed`: the edition
    whose request queued it)."""
    try:
        downloads.write(name, format, language, view_path)
    except BaseException:
        # Free the claim at once, so that the next request asks again rather than in 15 minutes.
        downloads.release_claim(name, format, language, claimed)
        raise
