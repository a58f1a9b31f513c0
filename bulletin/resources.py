"""Spreadsheet columns of news and of the issues archive."""

from import_export import fields, resources

from common.spreadsheets import DateWidget, TableResource, TextWidget

from .models import Issue, NewsItem


def text(column, attribute):
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget())


class NewsItemResource(TableResource):
    title = text("标题", "title")
    date = fields.Field(attribute="date", column_name="日期", widget=DateWidget())
    region = text("地区", "region")
    body = text("正文", "body")
    source = text("信息来源", "source")
    source_url = text("来源链接", "source_url")

    required_columns = ("标题",)
    column_aliases = {"标题": ("Title",), "正文": ("内容", "Body"), "信息来源": ("来源", "Source")}

    class Meta(TableResource.Meta):
        model = NewsItem
        fields = ("title", "date", "region", "body", "source", "source_url")

    def identity(self, row):
        title = self.cell(row, "标题")
        return ("标题", title) if title else None

    def record_key(self, news_item):
        return news_item.title

    def row_key(self, row):
        return self.cell(row, "标题")


class IssueResource(resources.ModelResource):
    """The archive as a list; issues are made in the admin, never imported."""

    class Meta:
        model = Issue
        fields = ("year", "month", "number", "highlights")
