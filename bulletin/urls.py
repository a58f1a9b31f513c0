from django.urls import path

from common.urls import list_urls

from . import feeds, views

app_name = "bulletin"

urlpatterns = [
    *list_urls("issues", views.IssueListView.as_view(), "issue"),
    path("issues/<int:year>/<int:month>/", views.issue_page, name="issue"),
    path("issues/<int:year>/<int:month>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("issues/<int:year>/<int:month>/r<int:number>/", views.issue_page, name="revision"),
    path("issues/<int:year>/<int:month>/r<int:number>/pdf/", views.issue_pdf, name="revision_pdf"),
    *list_urls("news", views.NewsItemListView.as_view(), "newsitem"),
    path("news/<int:pk>/", views.NewsItemDetailView.as_view(), name="newsitem-detail"),
    path("feeds/issues.rss", feeds.IssueRssFeed(), name="issue-feed-rss"),
    path("feeds/issues.atom", feeds.IssueAtomFeed(), name="issue-feed-atom"),
]
