from django.core.management.base import BaseCommand

from common.databases import analyze
from demo.loader import DATA_FILE, ensure_demo_users, load_demo, publish_demo_issue


class Command(BaseCommand):
    help = "Load the July 2022 bulletin as demo data and create the demo editor and publisher."

    def add_arguments(self, parser):
        parser.add_argument("--data", default=DATA_FILE, help="TOML data file to load.")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Leave a newly created demo issue as a draft instead of publishing it.",
        )

    def handle(self, *args, **options):
        report = load_demo(options["data"])
        analyze()  # the planner's statistics for the new rows (common/databases.py)
        if report.created:
            created = ", ".join(f"{label} {n}" for label, n in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {created}."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")

        for user in ensure_demo_users():
            if user.password:
                self.stdout.write(
                    self.style.WARNING(
                        f"Demo user “{user.username}” ({user.group}): password {user.password}"
                    )
                )
            else:
                self.stdout.write(
                    f"Demo user “{user.username}” ({user.group}) exists; its password was printed "
                    f"when it was created (set DEMO_{user.username.upper()}_PASSWORD to reset it)."
                )

        if report.issue and not options["draft"]:
            job = publish_demo_issue(report.issue)
            if job.revision_id:
                self.stdout.write(self.style.SUCCESS(f"Demo issue {report.issue} published."))
            else:
                self.stdout.write(f"Demo issue {report.issue}: publishing is {job.status}.")
