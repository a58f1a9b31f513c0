"""Spreadsheet columns of news items, shared by the admin and public exports."""

from import_export import resources

from common.spreadsheets import AllOrNothingResource

from .models import Issue, NewsItem


class NewsItemResource(AllOrNothingResource):
    class Meta:
        model = NewsItem
        fields = ("title", "date", "region", "body", "source", "source_url")
        import_id_fields = ("title",)


class IssueResource(resources.ModelResource):
    """The archive as a list; issues are made in the admin, never imported."""

    class Meta:
        model = Issue
        fields = ("year", "month", "number", "highlights")
