from django.urls import path, re_path

from . import calendars, feeds, views

app_name = "standards"

EXPORT = r"export\.(?P<format>csv|xlsx)$"

urlpatterns = [
    path("standards/", views.StandardListView.as_view(), name="standard-list"),
    re_path(rf"^standards/{EXPORT}", views.StandardListView.as_view(), name="standard-export"),
    path("standards/<int:pk>/", views.StandardDetailView.as_view(), name="standard-detail"),
    path("comment-requests/", views.CommentRequestListView.as_view(), name="commentrequest-list"),
    re_path(
        rf"^comment-requests/{EXPORT}",
        views.CommentRequestListView.as_view(),
        name="commentrequest-export",
    ),
    path(
        "comment-requests/<int:pk>/",
        views.CommentRequestDetailView.as_view(),
        name="commentrequest-detail",
    ),
    path("committees/", views.CommitteeListView.as_view(), name="committee-list"),
    re_path(rf"^committees/{EXPORT}", views.CommitteeListView.as_view(), name="committee-export"),
    path("committees/<int:pk>/", views.CommitteeDetailView.as_view(), name="committee-detail"),
    path(
        "feeds/comment-requests.rss",
        feeds.CommentRequestRssFeed(),
        name="commentrequest-feed-rss",
    ),
    path(
        "feeds/comment-requests.atom",
        feeds.CommentRequestAtomFeed(),
        name="commentrequest-feed-atom",
    ),
    path(
        "calendar/comment-deadlines.ics",
        calendars.comment_deadline_calendar,
        name="commentrequest-calendar",
    ),
]
