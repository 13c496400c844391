"""Background tasks (django-tasks; the `worker` service runs them with `manage.py db_worker`)."""

from django_tasks import task

from .runs import newsletter_run_execute
from .services import service_mail_send


@task(takes_context=True)
def newsletter_service_mail_task(context, subscriber_id: int) -> bool:
    """The mail that answers a subscription; an SMTP failure fails the task (see the admin's task list).

    A task whose worker died is run again (worker/services.py): the task's id makes
    the send happen once, however often the task runs.
    """
    return service_mail_send(subscriber_id=subscriber_id, once_key=str(context.task_result.id))


@task()
def newsletter_run_task(run_id: int) -> str:
    """A build, test mail or send asked for in the admin; its result is stored on the run's row."""
    return newsletter_run_execute(run_id=run_id)
