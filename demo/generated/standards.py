"""Generated standards with their plan numbers and titles, their comment requests and the reviews
held outside review meetings (those are built with the meetings, in `meetings.py`)."""

import datetime
import math
from collections import defaultdict

from standards.models import CommentRequest, Review, Standard

from . import vocabulary as words
from .choices import weighted, weighted_keys

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


class StandardsMixin:
    """Builds `standards`, `comment_requests` and the rest of `reviews` for the `Builder`."""

    def build_standards(self):
        rng = self.rng
        count = self.sizes.standards
        fields = weighted_keys(rng, {sc: len(words.SUBJECTS[sc]) for sc in words.SUBJECTS}, count)
        levels = []
        for _ in range(count):
            roll = rng.random()
            if roll < 0.005:
                levels.append((Level.INTERNATIONAL, False))
            elif roll < 0.05:  # 预研: no plan number yet
                levels.append((rng.choice([Level.RECOMMENDED, Level.INDUSTRY]), False))
            else:
                levels.append((weighted(rng, LEVELS_WITH_PLAN), True))
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
            stage = weighted(rng, STAGES_BY_AGE[age])
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

    def build_reviews(self):
        """Reviews held outside the generated review meetings, up to the share asked for."""
        rng = self.rng
        missing = round(self.sizes.standards * self.sizes.review_share) - len(self.reviews)
        candidates = [s for s in self.standards if s.stage in REVIEWED and s.plan_number]
        for standard in rng.sample(candidates, min(len(candidates), max(missing, 0))):
            start = self.day(self.planned(standard), self.end - datetime.timedelta(days=2))
            end = start + datetime.timedelta(days=rng.randint(0, 2))
            self.reviews.append(Review(standard=standard, start_date=start, end_date=end))


def _plan_number(level, year, serial):
    """20213570-T-339 (national: year, serial, kind, ministry) or 2021-0123T-QC (industry)."""
    if level == Level.INDUSTRY:
        return f"{year}-{serial:04d}{PLAN_KIND[level]}-QC"
    return f"{year}{serial:04d}-{PLAN_KIND[level]}-339"
