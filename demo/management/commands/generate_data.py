import re
import time

from django.core.management.base import BaseCommand, CommandError

from common.databases import analyze
from demo.generated import Sizes, generate
from standards.models import Standard

# More standards than this means the database is not a fresh one (the demo has 32).
FRESH_DATABASE_STANDARDS = 1000


def month(value):
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(value)
    return int(match[1]), int(match[2])


class Command(BaseCommand):
    help = (
        "Fill the database with a large, realistic data set: committees, standards, comment "
        "requests, reviews, meetings, news and published monthly issues. The same --seed and "
        "--until give the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--standards", type=int, default=Sizes.standards)
        parser.add_argument("--meetings", type=int, default=Sizes.meetings)
        parser.add_argument(
            "--years", type=int, default=Sizes.years, help="Years of monthly issues."
        )
        parser.add_argument("--news-per-month", type=int, default=Sizes.news_per_month)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--until",
            type=month,
            metavar="YYYY-MM",
            help="Month of the latest issue (default: the current month).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=f"Add to a database holding more than {FRESH_DATABASE_STANDARDS} standards.",
        )

    def handle(self, *args, **options):
        if options["years"] < 1 or options["standards"] < 0 or options["meetings"] < 0:
            raise CommandError("--years must be at least 1, the counts at least 0.")
        if not options["force"] and Standard.objects.count() > FRESH_DATABASE_STANDARDS:
            raise CommandError(
                "The database holds data already; generate_data fills a fresh one (after "
                "migrate, and load_demo if wanted). Use --force to add to it anyway."
            )
        sizes = Sizes(
            standards=options["standards"],
            meetings=options["meetings"],
            years=options["years"],
            news_per_month=options["news_per_month"],
        )
        started = time.perf_counter()
        written = generate(sizes, seed=options["seed"], until=options["until"])
        analyze()  # the planner's statistics for the new rows (common/databases.py)
        seconds = time.perf_counter() - started
        for label, count in written.items():
            self.stdout.write(f"{label:<40}{count:>10}")
        self.stdout.write(
            self.style.SUCCESS(f"{sum(written.values())} rows written in {seconds:.1f} s.")
        )
