import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import index


class Command(BaseCommand):
    help = "Rebuild the site search's entries from every public record."

    def handle(self, *args, **options):
        # The bar goes to the error stream as it is: Django's wrapper would end each redraw
        # with a new line.
        stream = options.get("stderr") or sys.stderr
        with tqdm(total=index.total(), unit="records", file=stream, disable=None) as bar:
            index.rebuild(progress=bar.update)
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
