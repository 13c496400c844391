from django.core.management.base import BaseCommand

from worker.services import stranded_tasks_requeue


class Command(BaseCommand):
    help = (
        "Queue again the RUNNING tasks whose worker is gone (no heartbeat for TASKS_HEARTBEAT_STALE_SECONDS); "
        "after TASKS_MAX_ATTEMPTS claims, mark them failed. Run it every minute (the scheduler service)."
    )

    def handle(self, *args, **options):
        result = stranded_tasks_requeue()
        self.stdout.write(f"Opgaver sat i kø igen: {result.requeued}; opgivet: {result.failed}.")
