from django.urls import path, re_path

from . import feeds, statistics, views

app_name = "bulletin"

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/", views.IssueListView.as_view(), name="issue-list"),
    re_path(
        r"^issues/export\.(?P<format>csv|xlsx)$",
        views.IssueListView.as_view(),
        name="issue-export",
    ),
    path("issues/<int:year>/<int:month>/", views.issue_page, name="issue"),
    path("issues/<int:year>/<int:month>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("issues/<int:year>/<int:month>/r<int:number>/", views.issue_page, name="revision"),
    path("issues/<int:year>/<int:month>/r<int:number>/pdf/", views.issue_pdf, name="revision_pdf"),
    path("news/", views.NewsItemListView.as_view(), name="newsitem-list"),
    re_path(
        r"^news/export\.(?P<format>csv|xlsx)$",
        views.NewsItemListView.as_view(),
        name="newsitem-export",
    ),
    path("news/<int:pk>/", views.NewsItemDetailView.as_view(), name="newsitem-detail"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("feeds/issues.rss", feeds.IssueRssFeed(), name="issue-feed-rss"),
    path("feeds/issues.atom", feeds.IssueAtomFeed(), name="issue-feed-atom"),
]
