"""A large, realistic data set: `manage.py generate_data` (load tests, demonstrations).

Every value comes from one `random.Random(seed)` and the month the data runs up to, so the same
arguments on the same starting database give the same records. The records are built in memory
first (issues choose their entries there, and what a published issue contains is made public as
publishing would), then written with `bulk_create` in batches, in one transaction.

The generated records have no history entries: nobody edited them, and writing one per record
would double the rows to insert.
"""

import datetime
import hashlib
import math
import random
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone, translation

from bulletin.models import (
    Issue,
    IssueCommentRequest,
    IssueMeeting,
    IssueNewsItem,
    IssueReview,
    IssueRevision,
    NewsAttachment,
    NewsItem,
)
from common.caching import bump_public_pages
from common.dates import last_day_of_month, previous_month
from meetings.models import Meeting, MeetingSection
from standards.models import CommentRequest, Committee, Review, Standard

from . import stand_ins
from . import vocabulary as words

BATCH_SIZE = 2000

Level = Standard.Level
Stage = Standard.Stage

# Stages a standard has reached by the age of its plan (years since its plan year).
STAGES_BY_AGE = [
    {Stage.APPROVED: 40, Stage.DRAFTING: 50, Stage.COMMENT: 10},
    {Stage.DRAFTING: 30, Stage.COMMENT: 35, Stage.REVIEW: 25, Stage.APPROVAL: 10},
    {Stage.COMMENT: 10, Stage.REVIEW: 25, Stage.APPROVAL: 25, Stage.PUBLISHED: 40},
    {Stage.REVIEW: 5, Stage.APPROVAL: 10, Stage.PUBLISHED: 85},
]
COMMENTED = {Stage.COMMENT, Stage.REVIEW, Stage.APPROVAL, Stage.PUBLISHED}
REVIEWED = {Stage.REVIEW, Stage.APPROVAL, Stage.PUBLISHED}
LEVELS_WITH_PLAN = {
    Level.MANDATORY: 12,
    Level.RECOMMENDED: 45,
    Level.GUIDANCE: 3,
    Level.INDUSTRY: 40,
}
PLAN_KIND = {Level.MANDATORY: "Q", Level.RECOMMENDED: "T", Level.GUIDANCE: "Z", Level.INDUSTRY: "T"}
# Published standards' numbers: GB 1000-45000 … QC/T 100-1400.
NUMBER_RANGES = {
    Level.MANDATORY: (1000, 45000),
    Level.RECOMMENDED: (10000, 45000),
    Level.GUIDANCE: (30000, 45000),
    Level.INDUSTRY: (100, 1400),
}
# How many entries of each kind a generated issue chooses from its window, at most.
ISSUE_ENTRIES = {"reviews": 30, "comment_requests": 25, "meetings": 12, "news": 8}


@dataclass(frozen=True)
class Sizes:
    standards: int = 100_000
    meetings: int = 10_000
    years: int = 5
    news_per_month: int = 20
    comment_share: float = 0.2  # of the standards, one comment request each
    review_share: float = 0.15  # of the standards, one review each


def generate(sizes=Sizes(), seed=0, until=None):
    """Generate and write the records; returns {model verbose name: rows written}.

    `until` is (year, month) of the latest issue, by default the current month.
    """
    until = until or (timezone.localdate().year, timezone.localdate().month)
    # The frozen pages link the records at their Chinese (unprefixed) addresses.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        builder = Builder(sizes, random.Random(seed), until)
        builder.build()
        written = builder.write()
        # bulk_create sends no signals: cached public pages must be told.
        bump_public_pages()
    if connection.vendor == "postgresql":
        # The planner's statistics, until autovacuum gets to them, still describe empty tables.
        with connection.cursor() as cursor:
            for model in builder.models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return written


class Builder:
    def __init__(self, sizes, rng, until):
        self.sizes = sizes
        self.rng = rng
        last_year, last_month = until
        self.months = [
            _add_months(last_year, last_month, -n) for n in reversed(range(sizes.years * 12))
        ]
        self.start = previous_month(*self.months[0])[0]
        self.end = last_day_of_month(last_year, last_month)
        self.last_year = last_year
        self.standards, self.comment_requests, self.reviews = [], [], []
        self.meetings, self.sections, self.related, self.meeting_reviews = [], [], [], []
        self.news, self.attachments = [], []
        self.issues, self.entries = [], []
        self.models = []  # those written to

    # Building --------------------------------------------------------------------------------

    def build(self):
        self.committees = Committees.ensure()
        self.build_standards()
        self.build_comment_requests()
        self.build_meetings()
        self.build_reviews()
        self.build_news()
        self.build_issues()

    def build_standards(self):
        rng = self.rng
        count = self.sizes.standards
        fields = _weighted_keys(rng, {sc: len(words.SUBJECTS[sc]) for sc in words.SUBJECTS}, count)
        levels = []
        for _ in range(count):
            roll = rng.random()
            if roll < 0.005:
                levels.append((Level.INTERNATIONAL, False))
            elif roll < 0.05:  # 预研: no plan number yet
                levels.append((rng.choice([Level.RECOMMENDED, Level.INDUSTRY]), False))
            else:
                levels.append((_weighted(rng, LEVELS_WITH_PLAN), True))
        plans = self.plan_numbers(levels)
        self.by_field, self.reviewable = defaultdict(list), defaultdict(list)
        for field, (level, planned) in zip(fields, levels, strict=True):
            plan_number = ""
            if planned:
                year, serial = plans[level == Level.INDUSTRY].pop()
                plan_number = _plan_number(level, year, serial)
            standard = self.standard(field, level, plan_number)
            self.standards.append(standard)
            self.by_field[field].append(standard)
            if standard.stage in REVIEWED and plan_number:
                self.reviewable[field].append(standard)

    def plan_numbers(self, levels):
        """Unique (year, serial) pairs of national and of industry plans, in random order.

        A plan number is known by its year and serial (the letter only repeats the level), and a
        year has 9,999 serials per scheme, so the plan years reach back as far as the count
        needs. Those already in the database are skipped.
        """
        rng = self.rng
        taken = set()
        for plan_number in Standard.objects.exclude(plan_number="").values_list(
            "plan_number", flat=True
        ):
            taken.add(plan_number[:9] if plan_number.endswith("-QC") else plan_number[:8])
        industry = sum(1 for level, planned in levels if planned and level == Level.INDUSTRY)
        national = sum(1 for _level, planned in levels if planned) - industry
        span = max(self.sizes.years + 2, math.ceil(max(national, industry) / 8000))
        years = range(self.last_year - span + 1, self.last_year + 1)
        plans = {}
        for is_industry, count in [(False, national), (True, industry)]:
            pairs = []
            for n, year in enumerate(years):
                share = count // span + (1 if n < count % span else 0)
                serials = rng.sample(range(1, 10000), min(9999, share + 20))
                key = "{}-{:04d}" if is_industry else "{}{:04d}"
                fresh = [s for s in serials if key.format(year, s) not in taken]
                pairs.extend((year, serial) for serial in fresh[:share])
            rng.shuffle(pairs)
            plans[is_industry] = pairs
        return plans

    def standard(self, field, level, plan_number):
        rng = self.rng
        committees = self.committees
        if level == Level.INTERNATIONAL:
            regulation, title = rng.choice(words.UN_REGULATIONS)
            series = rng.randint(1, 4)
            return Standard(
                title=f"UN R{regulation} {title}（{series:02d} 系列修正案）",
                number=f"UN R{regulation}",
                level=level,
                work_type=Standard.WorkType.NEW,
                committee=committees.subcommittees[field],
                stage=rng.choice([Stage.DRAFTING, Stage.PUBLISHED]),
                is_public=rng.random() < 0.9,
            )
        title, english_title = self.title(field, level)
        if plan_number:
            plan_year = int(plan_number[:4])
            age = min(self.last_year - plan_year, len(STAGES_BY_AGE) - 1)
            stage = _weighted(rng, STAGES_BY_AGE[age])
        else:
            plan_year, stage = self.last_year, Stage.PRELIMINARY
        number = ""
        if stage == Stage.PUBLISHED:
            low, high = NUMBER_RANGES[level]
            number = f"{Standard.LEVEL_CODES[level]} {rng.randint(low, high)}-{plan_year + 2}"
        roll = rng.random()
        if roll < 0.05:
            committee = committees.tc
        elif roll < 0.1:
            committee = rng.choice(committees.groups[field])
        else:
            committee = committees.subcommittees[field]
        adopted = ""
        if rng.random() < 0.12:
            part = f"-{rng.randint(1, 6)}" if rng.random() < 0.4 else ""
            adopted = f"ISO {rng.randint(2000, 26000)}{part}:{rng.randint(2010, plan_year)}"
        return Standard(
            plan_number=plan_number or "",
            number=number,
            title=title,
            english_title=english_title if rng.random() < 0.4 else "",
            level=level,
            work_type=Standard.WorkType.REVISION if rng.random() < 0.25 else Standard.WorkType.NEW,
            committee=committee,
            stage=stage,
            adopted_international=adopted,
            is_public=rng.random() < (0.4 if stage == Stage.PRELIMINARY else 0.92),
        )

    def title(self, field, level):
        """A Chinese title and its English from the field's words: 电动汽车 车载充电机技术要求."""
        rng = self.rng
        prefix, prefix_en = rng.choice(words.PREFIXES[field])
        subject, subject_en = rng.choice(words.SUBJECTS[field])
        suffixes = words.SUFFIXES
        if level == Level.MANDATORY:  # mandatory standards set requirements and limits
            suffixes = [s for s in words.SUFFIXES if s[2]] + [words.SUFFIXES[0]]
        suffix, suffix_en, _mandatory = rng.choice(suffixes)
        if rng.random() < 0.2:
            number = rng.randint(1, 12)
            part, part_en = rng.choice(words.PARTS)
            return (
                f"{prefix} {subject} 第{number}部分：{part}",
                f"{prefix_en} — {subject_en} — Part {number}: {part_en}",
            )
        return f"{prefix} {subject}{suffix}", f"{prefix_en} — {subject_en} — {suffix_en}"

    def build_comment_requests(self):
        rng = self.rng
        candidates = [s for s in self.standards if s.stage in COMMENTED and s.plan_number]
        count = min(len(candidates), round(self.sizes.standards * self.sizes.comment_share))
        for standard in sorted(rng.sample(range(len(candidates)), count)):
            standard = candidates[standard]
            if standard.stage == Stage.COMMENT:  # open now or lately
                start = self.end - datetime.timedelta(days=rng.randint(0, 120))
            else:
                start = self.day(self.planned(standard), self.end - datetime.timedelta(days=30))
            days = 60 if standard.level == Level.MANDATORY or rng.random() < 0.6 else 30
            if standard.level == Level.MANDATORY:
                proposer = self.committees.ministry
            elif standard.committee and standard.committee.kind in ("sc", "tc"):
                proposer = standard.committee
            else:
                proposer = standard.committee.parent or self.committees.tc
            self.comment_requests.append(
                CommentRequest(
                    standard=standard,
                    proposer=proposer,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=days),
                    reply_to=self.reply_to(standard.level),
                    link=self.link(standard.level, start) if rng.random() < 0.7 else "",
                    is_public=standard.is_public and rng.random() < 0.95,
                )
            )

    def reply_to(self, level):
        """Addresses joined as notices join them: "vehicle@miit.gov.cn，并抄送 a@catarc.ac.cn"."""
        rng = self.rng
        people = [self.address() for _ in range(rng.choice([1, 1, 2]))]
        if level == Level.MANDATORY:
            return words.MINISTRY_MAIL + rng.choice(words.COPY_WORDINGS) + ", ".join(people)
        return rng.choice(["; ", " ", ", "]).join(people)

    def address(self):
        rng = self.rng
        name = rng.choice(words.SURNAMES) + rng.choice(words.GIVEN)
        if rng.random() < 0.5:
            name += rng.choice(words.GIVEN)
        return f"{name}@{rng.choice(words.MAIL_DOMAINS)}"

    def link(self, level, day):
        code = f"{self.rng.getrandbits(64):016x}"
        if level == Level.MANDATORY:
            return f"https://www.miit.gov.cn/gzcy/yjzj/art/{day.year}/art_{code}.html"
        return f"http://www.catarc.org.cn/bzyjzj/{day:%Y%m}/{code}.html"

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
            end = start + datetime.timedelta(days=_weighted(rng, {0: 6, 1: 3, 2: 1}))
            sequence[organiser.pk, start.year] += 1
            pool = self.by_field[field]
            reviewable = self.reviewable[field]
            kind = _weighted(rng, {"review": 25, "work": 35, "drafting": 25, "seminar": 15})
            if organiser.kind == "external":
                kind = "work"
            related = [rng.choice(pool) for _ in range(rng.randint(1, 3))] if pool else []
            title = self.meeting_title(kind, organiser, start, sequence, related)
            mode = _weighted(rng, {"in_person": 50, "online": 25, "hybrid": 20, "": 5})
            city = "" if mode in ("online", "") else rng.choice(words.CITIES)
            meeting = Meeting(
                title=title,
                organiser=organiser,
                start_date=start,
                end_date=end,
                mode=mode,
                city=city,
                venue=rng.choice(words.VENUES) if city and rng.random() < 0.5 else "",
                participant_count=rng.randint(15, 200),
                participant_count_qualifier=_weighted(rng, {"": 6, "over": 3, "nearly": 1}),
                participant_unit=_weighted(rng, {"people": 9, "organisations": 1}),
                attendees="、".join(rng.sample(words.ATTENDEES, rng.randint(2, 4))) + "等单位代表",
                is_public=rng.random() < 0.95,
            )
            meeting.summary = (
                f"{start.year}年{start.month}月{start.day}日，{organiser.name}"
                f"{'在' + city if city else '以网络会议形式'}召开{title}，"
                f"{meeting.participants_display}参加会议。"
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

    def build_reviews(self):
        """Reviews held outside the generated review meetings, up to the share asked for."""
        rng = self.rng
        missing = round(self.sizes.standards * self.sizes.review_share) - len(self.reviews)
        candidates = [s for s in self.standards if s.stage in REVIEWED and s.plan_number]
        for standard in rng.sample(candidates, min(len(candidates), max(missing, 0))):
            start = self.day(self.planned(standard), self.end - datetime.timedelta(days=2))
            end = start + datetime.timedelta(days=rng.randint(0, 2))
            self.reviews.append(Review(standard=standard, start_date=start, end_date=end))

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

    def build_issues(self):
        """Monthly issues over the years, each choosing from its window as an editor would.

        Reviews and meetings come from the previous month, comment requests and news from then
        up to the 13th (the July 2022 issue's window); a record goes in one issue at most.
        """
        existing = set(Issue.objects.values_list("year", "month"))
        windows = {
            "reviews": (_by_month(self.reviews, _start), _start, False),
            "comment_requests": (_by_month(self.comment_requests, _start), _start, True),
            "meetings": (_by_month(self.meetings, _start), _start, False),
            "news": (_by_month(self.news, _date), _date, True),
        }
        chosen = set()
        for year, month in self.months:
            if (year, month) in existing:
                continue
            coverage_start, coverage_end = previous_month(year, month)
            recent_until = datetime.date(year, month, 13)
            entries = {}
            for kind, (by_month, key, recent) in windows.items():
                end = recent_until if recent else coverage_end
                months = [(coverage_start.year, coverage_start.month), (year, month)]
                records = [
                    record
                    for record in by_month[months[0]] + (by_month[months[1]] if recent else [])
                    if coverage_start <= key(record) <= end and id(record) not in chosen
                ]
                records.sort(key=key)
                entries[kind] = records[: ISSUE_ENTRIES[kind]]
                chosen.update(id(record) for record in entries[kind])
            highlights = [
                f"{coverage_start.year}年{coverage_start.month}月汽车标准审查",
                f"{year}年{month}月汽车标准征求意见",
                *(meeting.title for meeting in entries["meetings"][:1]),
            ]
            issue = Issue(
                year=year,
                month=month,
                number=month,
                highlights="\n".join(highlights),
                status=Issue.Status.PUBLISHED,
                coverage_start=coverage_start,
                coverage_end=coverage_end,
                recent_until=recent_until,
            )
            self.make_public(entries)
            self.issues.append(issue)
            self.entries.append((issue, entries))

    def make_public(self, entries):
        """What publishing an issue does to its records (Issue.make_records_public)."""
        for review in entries["reviews"]:
            review.standard.is_public = True
        for comment_request in entries["comment_requests"]:
            comment_request.is_public = comment_request.standard.is_public = True
        for meeting in entries["meetings"]:
            meeting.is_public = True
        for news_item in entries["news"]:
            news_item.is_public = True
        published = {id(m) for m in entries["meetings"]}
        for meeting, standard in self.related:
            if id(meeting) in published:
                standard.is_public = True

    def planned(self, standard):
        """The first day a planned standard can be open for comment or reviewed."""
        return max(self.start, datetime.date(int(standard.plan_number[:4]), 3, 1))

    def day(self, start, end):
        return start + datetime.timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    # Writing ---------------------------------------------------------------------------------

    def write(self):
        written = {}

        def insert(model, rows):
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            written[model._meta.label] = len(rows)
            self.models.append(model)

        insert(Standard, self.standards)
        insert(CommentRequest, self.comment_requests)
        insert(Review, self.reviews)
        insert(Meeting, self.meetings)
        insert(MeetingSection, self.sections)
        related = Meeting.related_standards.through
        insert(related, [related(meeting=m, standard=s) for m, s in self.related])
        reviewed = Meeting.reviews.through
        insert(reviewed, [reviewed(meeting=m, review=r) for m, r in self.meeting_reviews])
        insert(NewsItem, self.news)
        insert(NewsAttachment, self.attachments)
        insert(Issue, self.issues)
        for entry_model, kind in [
            (IssueReview, "reviews"),
            (IssueCommentRequest, "comment_requests"),
            (IssueMeeting, "meetings"),
            (IssueNewsItem, "news"),
        ]:
            insert(
                entry_model,
                [
                    entry_model(issue=issue, order=10 * n, **{entry_model.record_field: record})
                    for issue, entries in self.entries
                    for n, record in enumerate(entries[kind], start=1)
                ],
            )
        publisher = get_user_model().objects.filter(username="publisher").first()
        insert(
            IssueRevision,
            [self.revision(issue, entries, publisher) for issue, entries in self.entries],
        )
        return written

    def revision(self, issue, entries, publisher):
        """Revision 1 of a generated issue, with stand-in files instead of a rendering."""
        published_at = datetime.datetime(
            issue.year, issue.month, 15, 10, tzinfo=timezone.get_current_timezone()
        )
        revision = IssueRevision(
            issue=issue,
            number=1,
            note="生成的测试数据",
            published_at=min(published_at, timezone.now()),
            published_by=publisher,
        )
        sections = [
            (
                "标准审查",
                [(r.standard.title, r.standard.get_absolute_url()) for r in entries["reviews"]],
            ),
            (
                "征求意见",
                [(c.standard.title, c.get_absolute_url()) for c in entries["comment_requests"]],
            ),
            ("会议", [(m.title, m.get_absolute_url()) for m in entries["meetings"]]),
            ("行业资讯", [(n.title, n.get_absolute_url()) for n in entries["news"]]),
        ]
        page = stand_ins.issue_page(issue, sections)
        pdf = stand_ins.issue_pdf(issue.slug)
        revision.html_sha256 = hashlib.sha256(page).hexdigest()
        revision.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        revision.html.save(f"{issue.slug}.html", ContentFile(page), save=False)
        revision.pdf.save(f"bulletin-{issue.slug}-r1.pdf", ContentFile(pdf), save=False)
        return revision


class Committees:
    """The committee tree the records refer to: the demo's when loaded, completed as needed."""

    @classmethod
    def ensure(cls):
        self = cls()
        used_codes = set(Committee.objects.exclude(code="").values_list("code", flat=True))

        def get(name, short_name, code, kind, parent=None):
            committee = Committee.objects.filter(name=name).first()
            if committee is None:
                committee = Committee.objects.create(
                    name=name,
                    short_name=short_name,
                    code="" if code in used_codes else code,
                    kind=kind,
                    parent=parent,
                )
                used_codes.add(committee.code)
            return committee

        self.tc = get(*words.TC, kind="tc")
        self.subcommittees, self.groups = {}, {}
        for name, short_name, code in words.SUB_COMMITTEES:
            sc = get(name, short_name, code, kind="sc", parent=self.tc)
            self.subcommittees[short_name] = sc
            self.groups[short_name] = [
                get(f"{subject}标准工作组", f"{subject}标准工作组", "", "working_group", sc)
                for subject, _english in words.SUBJECTS[short_name][:2]
            ]
        self.external = [get(name, short, "", "external") for name, short in words.EXTERNAL_BODIES]
        self.ministry = self.external[0]
        return self


def _plan_number(level, year, serial):
    """20213570-T-339 (national: year, serial, kind, ministry) or 2021-0123T-QC (industry)."""
    if level == Level.INDUSTRY:
        return f"{year}-{serial:04d}{PLAN_KIND[level]}-QC"
    return f"{year}{serial:04d}-{PLAN_KIND[level]}-339"


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _weighted_keys(rng, weights, count):
    return rng.choices(list(weights), weights=list(weights.values()), k=count)


def _add_months(year, month, months):
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _by_month(records, key):
    grouped = defaultdict(list)
    for record in records:
        grouped[key(record).year, key(record).month].append(record)
    return grouped


def _start(record):
    return record.start_date


def _date(record):
    return record.date
