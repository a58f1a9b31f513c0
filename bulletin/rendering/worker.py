"""WeasyPrint in a child process, stopped at a time and a memory limit.

A PDF's layout is WeasyPrint's to bound, and it does not: deep nesting exhausted its stack and a
big issue took 2 GB. A child process is the one boundary that holds whatever the cause — the
kernel refuses its memory past RLIMIT_AS, the parent kills it at the deadline — and it leaves the
worker (or the web process of a preview) as it was.
"""

import multiprocessing
import os
import resource
import threading
import time

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The parent says its job is alive this often while it waits (BackgroundJob.beat).
BEAT_SECONDS = 5


def _beat_seconds():
    return min(BEAT_SECONDS, settings.JOB_HEARTBEAT_TIMEOUT_SECONDS / 4)


class RenderFailed(Exception):
    """The PDF could not be made within the limits; the message says why, for the editor."""


def _memory_in_use():
    """The process's virtual size in bytes, from which the child's limit is counted."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _leave_with_parent(parent):
    """A child whose parent was killed stops too, instead of rendering for nobody."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _render(html, sender, memory_bytes, cpu_seconds):
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    threading.Thread(target=_leave_with_parent, args=(os.getppid(),), daemon=True).start()
    from .pdf import pdf_document, write_pdf  # pdf.py runs this module

    try:
        pdf = write_pdf(pdf_document(html))
    except MemoryError:
        sender.send(("memory", ""))
    except RecursionError:
        sender.send(("nesting", ""))
    except Exception as error:  # sent to the parent, which raises it as the job's error
        sender.send(("error", repr(error)))
    else:
        sender.send(("ok", pdf))
    sender.close()


def _failure(kind, detail=""):
    limits = {
        "seconds": settings.RENDER_TIME_LIMIT_SECONDS,
        "megabytes": settings.RENDER_MEMORY_LIMIT_MB,
    }
    messages = {
        "time": _("生成 PDF 超过时间上限（%(seconds)d 秒），已停止。请删减本期条目后重试。"),
        "memory": _(
            "生成 PDF 超过内存上限（%(megabytes)d MB），已停止。请删减本期条目或图片后重试。"
        ),
        "nesting": _("正文嵌套层级过深，无法排版 PDF。请简化正文的列表与格式。"),
        "died": _("生成 PDF 的进程意外退出，已停止。请删减本期条目或图片后重试。"),
        "error": _("生成 PDF 失败：%(detail)s"),
    }
    return RenderFailed(messages[kind] % {**limits, "detail": detail})


def pdf_in_worker(html, beat=None):
    """The PDF of `html`; `beat` is called every few seconds while the child works."""
    # fork: the child inherits the settings in force (tests change them) and needs no setup; it
    # touches no database connection, only storage and static files.
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    seconds = settings.RENDER_TIME_LIMIT_SECONDS
    memory = _memory_in_use() + settings.RENDER_MEMORY_LIMIT_MB * 2**20
    child = context.Process(target=_render, args=(html, sender, memory, seconds + 5), daemon=True)
    child.start()
    sender.close()
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _failure("time")
            if receiver.poll(min(remaining, _beat_seconds())):
                try:
                    kind, payload = receiver.recv()
                except EOFError:  # the child ended without a word: killed by a limit
                    raise _failure("died") from None
                break
            if beat is not None:
                beat()
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind != "ok":
        raise _failure(kind, payload)
    return payload
