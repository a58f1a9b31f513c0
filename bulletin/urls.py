from django.urls import path, register_converter

from common.urls import list_urls

from . import feeds, views


class MonthConverter:
    """A month as the bulletin writes it, 07: /issues/2022/07/ is the issue's address, and
    /issues/2022/7/, which this reads too, is redirected to it (common.middleware)."""

    regex = "[0-9]+"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(MonthConverter, "month")

app_name = "bulletin"

urlpatterns = [
    *list_urls("issues", views.IssueListView.as_view(), "issue"),
    path("issues/<int:year>/<month:month>/", views.issue_page, name="issue"),
    path("issues/<int:year>/<month:month>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("issues/<int:year>/<month:month>/r<int:number>/", views.issue_page, name="revision"),
    path(
        "issues/<int:year>/<month:month>/r<int:number>/pdf/", views.issue_pdf, name="revision_pdf"
    ),
    *list_urls("news", views.NewsItemListView.as_view(), "newsitem"),
    path("news/<int:pk>/", views.NewsItemDetailView.as_view(), name="newsitem-detail"),
    path("feeds/issues.rss", feeds.IssueRssFeed(), name="issue-feed-rss"),
    path("feeds/issues.atom", feeds.IssueAtomFeed(), name="issue-feed-atom"),
]
