import datetime

import factory

from standards.models import CommentRequest, Committee, Review, Standard


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试分技术委员会{n}")
    short_name = factory.Sequence(lambda n: f"测试{n}")
    kind = Committee.Kind.SC


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    plan_number = factory.Sequence(lambda n: f"2022{n:04d}-T-339")
    title = factory.Sequence(lambda n: f"道路车辆 测试标准 第{n}部分")
    level = Standard.Level.RECOMMENDED
    committee = factory.SubFactory(CommitteeFactory)
    stage = Standard.Stage.DRAFTING


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    standard = factory.SubFactory(StandardFactory, stage=Standard.Stage.REVIEW)
    start_date = datetime.date(2022, 6, 28)
    end_date = datetime.date(2022, 6, 30)


class CommentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentRequest

    standard = factory.SubFactory(StandardFactory, stage=Standard.Stage.COMMENT)
    proposer = factory.SubFactory(
        CommitteeFactory, name="工业和信息化部装备工业一司", kind=Committee.Kind.EXTERNAL
    )
    start_date = datetime.date(2022, 6, 17)
    end_date = datetime.date(2022, 8, 17)
    reply_to = "vehicle@miit.gov.cn，并抄送 someone@catarc.ac.cn"
