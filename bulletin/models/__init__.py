from .issues import (
    Issue,
    IssueCommentRequest,
    IssueEntry,
    IssueMeeting,
    IssueNewsItem,
    IssueReview,
)
from .news import NewsAttachment, NewsItem, SecretariatProfile
from .publishing import IssueRevision, RenderJob

__all__ = [
    "Issue",
    "IssueCommentRequest",
    "IssueEntry",
    "IssueMeeting",
    "IssueNewsItem",
    "IssueReview",
    "IssueRevision",
    "NewsAttachment",
    "NewsItem",
    "RenderJob",
    "SecretariatProfile",
]
