from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.services import newsletter_subscriptions_purge


class Command(BaseCommand):
    help = "Delete newsletter subscriptions not confirmed within NEWSLETTER_CONFIRM_DAYS days."

    def handle(self, *args, **options):
        deleted = newsletter_subscriptions_purge()
        self.stdout.write(
            f"{deleted} ubekræftede tilmeldinger ældre end {settings.NEWSLETTER_CONFIRM_DAYS} dage er slettet."
        )
