from django.core.management.base import BaseCommand

from bulletin.demo.loader import DATA_FILE, ensure_demo_users, load_demo


class Command(BaseCommand):
    help = "Load the July 2022 bulletin as demo data and create the demo editor and publisher."

    def add_arguments(self, parser):
        parser.add_argument("--data", default=DATA_FILE, help="TOML data file to load.")

    def handle(self, *args, **options):
        report = load_demo(options["data"])
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
