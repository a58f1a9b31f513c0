import datetime

import factory

from bulletin.models import Issue, NewsItem


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    class Params:
        # For a month other than July 2022, whose dates the defaults above are.
        undated = factory.Trait(coverage_start=None, coverage_end=None, recent_until=None)

    year = 2022
    month = 7
    number = 7
    coverage_start = datetime.date(2022, 6, 1)
    coverage_end = datetime.date(2022, 6, 30)
    recent_until = datetime.date(2022, 7, 13)


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"行业资讯{n}")
    date = datetime.date(2022, 7, 6)
    body = "<p>正文。</p>"
    source = "工业和信息化部官网"
