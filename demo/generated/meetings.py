"""Generated meetings (with their sections, related standards and the reviews held at review
meetings) and news items with their attachments."""

import datetime
from collections import defaultdict

from bulletin.models import NewsAttachment, NewsItem
from common.dates import last_day_of_month
from meetings.models import Meeting, MeetingSection
from standards.models import Review

from . import vocabulary as words
from .choices import weighted


class MeetingsMixin:
    """Builds `meetings`, `sections`, `related`, `meeting_reviews`, `news` and `attachments` for
    the `Builder`."""

    def build_meetings(self):
        rng = self.rng
        committees = self.committees
        sequence = defaultdict(int)  # (organiser, year) -> meetings numbered so far
        for _ in range(self.sizes.meetings):
            field = rng.choice(list(words.SUBJECTS))
            roll = rng.random()
            if roll < 0.07:
                organiser = rng.choice(committees.external)
            elif roll < 0.15:
                organiser = committees.tc
            elif roll < 0.3:
                organiser = rng.choice(committees.groups[field])
            else:
                organiser = committees.subcommittees[field]
            start = self.day(self.start, self.end - datetime.timedelta(days=3))
            end = start + datetime.timedelta(days=weighted(rng, {0: 6, 1: 3, 2: 1}))
            sequence[organiser.pk, start.year] += 1
            pool = self.by_field[field]
            reviewable = self.reviewable[field]
            kind = weighted(rng, {"review": 25, "work": 35, "drafting": 25, "seminar": 15})
            if organiser.kind == "external":
                kind = "work"
            related = [rng.choice(pool) for _ in range(rng.randint(1, 3))] if pool else []
            title = self.meeting_title(kind, organiser, start, sequence, related)
            mode = weighted(rng, {"in_person": 50, "online": 25, "hybrid": 20, "": 5})
            city = "" if mode in ("online", "") else rng.choice(words.CITIES)
            unit = weighted(rng, {"people": 9, "organisations": 1})
            meeting = Meeting(
                title=title,
                organiser=organiser,
                start_date=start,
                end_date=end,
                mode=mode,
                city=city,
                venue=rng.choice(words.VENUES) if city and rng.random() < 0.5 else "",
                participant_count=rng.randint(15, 200),
                participant_count_qualifier=weighted(rng, {"": 6, "over": 3, "nearly": 1}),
                participant_unit=unit,
                # Worded for the lead, "来自…等单位的 50 名专家代表" or "包括…等 36 家单位";
                # no summary, so each meeting opens with the sentence its facts give.
                attendees="、".join(rng.sample(words.ATTENDEES, rng.randint(2, 4)))
                + ("等" if unit == "organisations" else "等单位"),
                is_public=rng.random() < 0.95,
            )
            self.meetings.append(meeting)
            related = list({id(standard): standard for standard in related}.values())
            self.related.extend((meeting, standard) for standard in related)
            self.meeting_sections(meeting, related)
            if kind == "review" and reviewable:
                for standard in rng.sample(reviewable, min(len(reviewable), rng.randint(3, 8))):
                    if self.planned(standard) > start:
                        continue
                    review = Review(standard=standard, start_date=start, end_date=end)
                    self.reviews.append(review)
                    self.meeting_reviews.append((meeting, review))

    def meeting_title(self, kind, organiser, start, sequence, related):
        name = organiser.short_name or organiser.name
        if kind == "review" and organiser.kind != "external":
            return f"{name}{start.year}年第{sequence[organiser.pk, start.year]}次标准审查会"
        if kind == "drafting" and related:
            return f"《{related[0].title}》标准起草组工作会议"
        if kind == "seminar":
            subject = self.rng.choice(words.SUBJECTS[self.rng.choice(list(words.SUBJECTS))])[0]
            return f"{subject}标准研讨会"
        return f"{name}{start.year}年第{sequence[organiser.pk, start.year]}次工作会议"

    def meeting_sections(self, meeting, related):
        rng = self.rng
        agenda = rng.sample(words.AGENDA_ITEMS, rng.randint(2, 4))
        items = "".join(f"<li>{item}</li>" for item in agenda)
        content = (
            "".join(
                f"<p>会议讨论了《{standard.title}》的主要技术内容与试验验证方案。</p>"
                for standard in related
            )
            or "<p>与会代表围绕标准体系建设进行了深入交流。</p>"
        )
        steps = "".join(f"<li>{step}</li>" for step in rng.sample(words.NEXT_STEPS, 2))
        bodies = [("agenda", f"<ol>{items}</ol>"), ("content", content)]
        if rng.random() < 0.6:
            bodies.append(("next_steps", f"<ol>{steps}</ol>"))
        self.sections.extend(
            MeetingSection(meeting=meeting, heading=heading, body=body, order=order)
            for order, (heading, body) in enumerate(bodies, start=1)
        )

    def build_news(self):
        rng = self.rng
        for year, month in [(self.start.year, self.start.month), *self.months]:
            for _ in range(self.sizes.news_per_month):
                day = datetime.date(year, month, rng.randint(1, last_day_of_month(year, month).day))
                source, source_url = rng.choice(words.NEWS_SOURCES)
                region = rng.choice(words.PROVINCES) if rng.random() < 0.3 else ""
                title = self.news_title(day, region)
                item = NewsItem(
                    title=title,
                    date=day,
                    region=region,
                    body=(
                        f"<p>{day.year}年{day.month}月{day.day}日，{source}发布消息：{title}。</p>"
                        f"<p>{rng.choice(words.NEWS_TOPICS)}工作将按计划推进，"
                        "相关标准的制修订工作同步开展。</p>"
                    ),
                    source=source,
                    source_url=f"{source_url}xwdt/{day:%Y%m}/{rng.getrandbits(48):012x}.html",
                    is_public=rng.random() < 0.95,
                )
                self.news.append(item)
                if rng.random() < 0.1:
                    self.attachments.append(
                        NewsAttachment(
                            news_item=item,
                            title=f"{title}（全文）",
                            url=f"{source_url}files/{rng.getrandbits(48):012x}.pdf",
                            order=1,
                        )
                    )

    def news_title(self, day, region):
        rng = self.rng
        standard = rng.choice(self.standards)
        topic = rng.choice(words.NEWS_TOPICS)
        templates = [
            f"《{standard.title}》等{rng.randint(3, 40)}项汽车行业标准发布",
            f"{day.year}年第{rng.randint(1, 4)}批推荐性国家标准计划下达",
            f"{topic}工作座谈会召开",
            f"联合国WP.29第{180 + (day.year - 2020) * 3 + rng.randint(0, 2)}次会议通过多项法规",
        ]
        if region:
            templates.append(f"{region}出台{topic}实施方案")
        return rng.choice(templates)
