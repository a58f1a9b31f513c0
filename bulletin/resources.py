"""Spreadsheet columns of news items, shared by the admin and public exports."""

from common.spreadsheets import AllOrNothingResource

from .models import NewsItem


class NewsItemResource(AllOrNothingResource):
    class Meta:
        model = NewsItem
        fields = ("title", "date", "region", "body", "source", "source_url")
        import_id_fields = ("title",)
