"""The issue's workflows, for the admin, the demo loader and the tasks.

Each runs in a transaction and refuses with a TransitionRefused (or a subclass) whose message is
written for the user; each records who did it in the issue's history. drafting.py fills a draft
from the records of its window, transitions.py moves it through review (with four eyes),
publishing.py freezes it, previews.py queues a large issue's PDF preview; approval.py is the
fingerprint that makes what is approved what is published.
"""

from .approval import TooLargeToRender, check_size, entry_count
from .drafting import draft_from_records
from .previews import queue_preview
from .publishing import freeze, make_records_public
from .refusals import ContentChanged, PreviewRunning, TransitionRefused
from .transitions import PUBLISH, TRANSITIONS, Transition, available_transitions, transition

__all__ = [
    "PUBLISH",
    "TRANSITIONS",
    "ContentChanged",
    "PreviewRunning",
    "TooLargeToRender",
    "Transition",
    "TransitionRefused",
    "available_transitions",
    "check_size",
    "draft_from_records",
    "entry_count",
    "freeze",
    "make_records_public",
    "queue_preview",
    "transition",
]
