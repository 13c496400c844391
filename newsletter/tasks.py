"""Background tasks (django-tasks; the `worker` service runs them with `manage.py db_worker`)."""

from django_tasks import task

from .services import service_mail_send


@task()
def newsletter_service_mail_task(subscriber_id: int) -> bool:
    """The mail that answers a subscription; an SMTP failure fails the task (see the admin's task list)."""
    return service_mail_send(subscriber_id=subscriber_id)
