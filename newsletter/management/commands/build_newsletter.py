from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsletter.build import NewsletterBuildError, newsletter_issue_build, previous_month
from newsletter.models import NewsletterIssue

from ._month import parse_month


class Command(BaseCommand):
    help = "Build (or rebuild) the draft newsletter for a month from the CMS's GraphQL API (CMS_GRAPHQL_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; default: the month that has just ended.")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing if the month already has an issue (for the scheduler, so it never undoes an approval).",
        )

    def handle(self, *args, month=None, if_missing=False, **options):
        first_day = parse_month(month) if month else previous_month(timezone.localdate())
        if if_missing and NewsletterIssue.objects.filter(month=first_day).exists():
            self.stdout.write(f"Udgaven for {first_day:%Y-%m} findes allerede.")
            return
        try:
            issue = newsletter_issue_build(month=first_day)
        except NewsletterBuildError as error:
            raise CommandError(str(error)) from error
        content = issue.content
        self.stdout.write(
            self.style.SUCCESS(
                f"Kladde bygget for {issue.month_label}: {len(content['news'])} nyheder, "
                f"{len(content['events'])} arrangementer, {len(content['documents'])} dokumenter. "
                "Godkend den i admin under Nyhedsbrev."
            )
        )
