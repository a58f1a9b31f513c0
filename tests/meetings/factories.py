import datetime

import factory

from meetings.models import Meeting, MeetingSection
from tests.standards.factories import CommitteeFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"测试工作组第{n}次会议")
    organiser = factory.SubFactory(CommitteeFactory)
    start_date = datetime.date(2022, 6, 21)
    end_date = datetime.date(2022, 6, 22)
    mode = Meeting.Mode.IN_PERSON
    city = "苏州"
    participant_count = 50


class MeetingSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSection

    meeting = factory.SubFactory(MeetingFactory)
    heading = MeetingSection.Heading.CONTENT
    body = "<p>与会专家进行了深入讨论。</p>"
    order = factory.Sequence(lambda n: n)
