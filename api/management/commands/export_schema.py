from pathlib import Path

from django.core.management.base import BaseCommand

from cms.schema import schema


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) to a file; schema.graphql in the repo is checked against it by the tests."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="schema.graphql")

    def handle(self, *args, path, **options):
        Path(path).write_text(str(schema).rstrip() + "\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Skrev {path}"))
