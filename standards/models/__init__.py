from .comment_requests import CommentRequest
from .committees import Committee
from .standards import Review, Standard

__all__ = ["CommentRequest", "Committee", "Review", "Standard"]
