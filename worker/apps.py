from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    verbose_name = "Opgavekø"

    def ready(self):
        from django_tasks_db.compat import task_started

        from . import heartbeat

        task_started.connect(heartbeat.on_task_started, dispatch_uid="worker.heartbeat")
