from django.urls import path, re_path


def list_urls(prefix, view, name):
    """A public list at `prefix/` and its downloads at `prefix/export.csv`, `.xlsx`, `.jsonl`."""
    return [
        path(f"{prefix}/", view, name=f"{name}-list"),
        re_path(rf"^{prefix}/export\.(?P<format>csv|xlsx|jsonl)$", view, name=f"{name}-export"),
    ]
