"""The standards' spreadsheet columns, as the bulletin's tables head them (表1–表4).

Shared by the admin's import and export and the public downloads; a table copied out of a
bulletin imports as it is, and an exported list imports back without changing anything.
"""

from .columns import LEVELS
from .comment_requests import CommentRequestResource
from .committees import CommitteeResource
from .standards import StandardResource

__all__ = ["LEVELS", "CommentRequestResource", "CommitteeResource", "StandardResource"]
