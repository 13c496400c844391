from pathlib import Path

from django.core.management.base import BaseCommand
from graphene_django.settings import graphene_settings


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) to a file; schema.graphql in the repo is checked against it by the tests."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="schema.graphql")

    def handle(self, *args, path, **options):
        Path(path).write_text(str(graphene_settings.SCHEMA).rstrip() + "\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Skrev {path}"))
