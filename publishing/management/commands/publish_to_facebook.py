"""Post every page marked "Del på Facebook" to the Facebook page, once.

Safe to run every few minutes (cron, the scheduler service) and at the same time as
the task the worker runs after a publish: the ledger decides what is due.
Exit code 1 when an item failed, the run stopped (token refused, Facebook throttling,
an unexpected error) or the CMS could not be read, or not completely.
"""

from django.core.management.base import BaseCommand, CommandError

from publishing.config import FacebookNotConfiguredError
from publishing.graphql_client import CmsError
from publishing.report import ItemResult, Outcome
from publishing.services import facebook_publish_run


class Command(BaseCommand):
    help = "Opslå sider markeret “Del på Facebook” på Facebook-siden, hver kun én gang."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vis hvad der ville blive opslået, tjekket og sprunget over; ændrer intet.",
        )
        parser.add_argument("--limit", type=int, default=None, help="Højst så mange opslag i denne kørsel.")

    def handle(self, *args, dry_run: bool, limit: int | None, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit skal være mindst 1.")
        try:
            report = facebook_publish_run(dry_run=dry_run, limit=limit, on_item=self._print_item)
        except (FacebookNotConfiguredError, CmsError) as error:
            raise CommandError(str(error)) from error
        summary = (
            f"Opslået: {report.count(Outcome.POSTED)}, "
            f"sprunget over: {report.count(Outcome.SKIPPED)}, "
            f"fejlet: {report.count(Outcome.FAILED)}"
        )
        if dry_run:
            summary = (
                f"Prøvekørsel, intet er ændret. Ville opslå: {report.count(Outcome.WOULD_POST)}. "
                f"Ville tjekke Facebook-siden først: {report.count(Outcome.WOULD_RECONCILE)}. "
                f"Ville springe over: {report.count(Outcome.WOULD_SKIP)}. {summary}"
            )
        for problem in report.problems:
            self.stderr.write(self.style.ERROR(problem))
        if report.stopped:
            self.stderr.write(self.style.ERROR(f"Kørslen blev stoppet: {report.stopped}"))
        self.stdout.write(summary)
        if report.has_failures:
            raise SystemExit(1)

    def _print_item(self, item: ItemResult) -> None:
        line = f"{item.outcome:<14} {item.title}  -> {item.detail}"
        if item.outcome == Outcome.FAILED:
            self.stdout.write(self.style.ERROR(line))
        else:
            self.stdout.write(line)
        self.stdout.flush()
