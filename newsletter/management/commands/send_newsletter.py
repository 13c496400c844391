import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from newsletter.models import DeliveryState, IssueState, NewsletterIssue
from newsletter.sending import NewsletterSendError, newsletter_issue_send

from ._month import parse_month


class Command(BaseCommand):
    help = (
        "Send an approved newsletter issue to every confirmed subscriber, or resume a send. "
        "Without --month: every issue that is approved, being sent, or has deliveries to retry."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM of the issue to send.")
        parser.add_argument(
            "--approve", action="store_true", help="Approve a draft first (fully automated runs); needs --month."
        )

    def handle(self, *args, month=None, approve=False, **options):
        if month:
            issue = NewsletterIssue.objects.filter(month=parse_month(month)).first()
            if issue is None:
                raise CommandError(f"Der er ingen udgave for {month}. Byg den først med build_newsletter.")
            issues = [issue]
        elif approve:
            raise CommandError("--approve kræver --month: godkend kun en bestemt udgave.")
        else:
            issues = list(
                NewsletterIssue.objects.filter(
                    Q(state__in=[IssueState.APPROVED, IssueState.SENDING])
                    | Q(state=IssueState.SENT, deliveries__state=DeliveryState.TEMP_FAILED)
                )
                .distinct()
                .order_by("month")
            )
            if not issues:
                self.stdout.write("Ingen udgaver venter på at blive sendt.")
        for issue in issues:
            self._send(issue, approve=approve)

    def _send(self, issue, *, approve):
        bar = None

        def on_start(total):
            nonlocal bar
            # tqdm draws only on a terminal (disable=None); logs get the summary line.
            bar = tqdm(total=total, desc=f"Sender {issue.month_label}", unit="mail", file=sys.stderr, disable=None)

        def on_progress(delivery, outcome):
            bar.update(1)

        try:
            summary = newsletter_issue_send(issue=issue, approve=approve, on_start=on_start, on_progress=on_progress)
        except NewsletterSendError as error:
            raise CommandError(str(error)) from error
        finally:
            if bar is not None:
                bar.close()
        for error in summary.errors:
            self.stderr.write(f"  {error}")
        style = self.style.SUCCESS if not (summary.temp_failed or summary.failed) else self.style.WARNING
        self.stdout.write(style(f"{issue.month_label}: {summary}"))
        if summary.stopped_early:
            # A non-zero exit, so the scheduler's logs and alerts show that someone must look.
            raise CommandError(f"{issue.month_label}: {summary.stop_reason}")
