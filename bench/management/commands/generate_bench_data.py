"""Replace the database's content with the deterministic benchmark data set."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.data import SIZES, generate


class Command(BaseCommand):
    help = "Build the benchmark data set (fixed seed): S ~100 pages, M ~2,000, L ~20,000. Deletes existing content."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), default="S")

    def handle(self, *args, size, **options):
        if not getattr(settings, "BENCH_ENABLED", False):
            raise CommandError("Deletes all content: run it with DJANGO_SETTINGS_MODULE=cms.settings.bench.")
        started = time.perf_counter()
        counts = generate(size=size)
        seconds = time.perf_counter() - started
        self.stdout.write(f"size {size}: {counts} in {seconds:.1f} s")
