from django.urls import path

from common.urls import list_urls

from . import calendars, feeds, views

app_name = "standards"

urlpatterns = [
    *list_urls("standards", views.StandardListView.as_view(), "standard"),
    path("standards/<int:pk>/", views.StandardDetailView.as_view(), name="standard-detail"),
    *list_urls("comment-requests", views.CommentRequestListView.as_view(), "commentrequest"),
    path(
        "comment-requests/<int:pk>/",
        views.CommentRequestDetailView.as_view(),
        name="commentrequest-detail",
    ),
    *list_urls("committees", views.CommitteeListView.as_view(), "committee"),
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
        calendars.CommentDeadlineCalendar.as_view(),
        name="commentrequest-calendar",
    ),
]
