"""Spreadsheet columns of news items, shared by the admin and public exports."""

from import_export import resources

from .models import NewsItem


class NewsItemResource(resources.ModelResource):
    class Meta:
        model = NewsItem
        fields = ("title", "date", "region", "body", "source", "source_url")
        import_id_fields = ("title",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
