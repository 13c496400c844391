import logging

from django.core.management.base import BaseCommand

from home.demo.loader import demo_content_load


class Command(BaseCommand):
    help = "Load the demo content (public facts about Randers' helhedsplan). Safe to run again: it changes nothing."

    def handle(self, *args, **options):
        # Wagtail logs every page it creates; one summary line is what a person wants here.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        counts = demo_content_load()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demoindhold er på plads: {summary}."))
