from django.core.management.base import BaseCommand, CommandError

from bulletin.models import Issue
from bulletin.rendering.html import render_html
from bulletin.rendering.pdf import render_pdf


class Command(BaseCommand):
    help = "Render an issue (YYYY-MM) from the live records to a PDF and/or an HTML file."

    def add_arguments(self, parser):
        parser.add_argument("issue", help="年-月，如 2022-07")
        parser.add_argument("--pdf", metavar="FILE", help="write the PDF here")
        parser.add_argument("--html", metavar="FILE", help="write the HTML page here")

    def handle(self, *args, issue, pdf, html, **options):
        if not (pdf or html):
            raise CommandError("Give --pdf FILE, --html FILE or both.")
        try:
            year, month = (int(part) for part in issue.split("-"))
            issue = Issue.objects.get(year=year, month=month)
        except ValueError:
            raise CommandError(f"“{issue}” is not YYYY-MM, e.g. 2022-07.") from None
        except Issue.DoesNotExist:
            raise CommandError(f"There is no issue {issue}.") from None
        page = render_html(issue)
        if html:
            with open(html, "w", encoding="utf-8") as file:
                file.write(page)
            self.stdout.write(f"HTML: {html}")
        if pdf:
            with open(pdf, "wb") as file:
                file.write(render_pdf(issue, html=page))
            self.stdout.write(f"PDF: {pdf}")
