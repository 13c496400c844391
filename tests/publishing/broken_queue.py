"""A task backend that cannot queue the Facebook run, for the editor-side tests (`TASKS` points at it).

Other tasks (Wagtail's search index updates on every save) still run inline, so that
the test can save and publish pages at all.
"""

from django_tasks.backends.immediate import ImmediateBackend


class UnreachableQueueBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        if task.module_path.startswith("publishing."):
            raise ConnectionError("the task queue's database is not reachable")
        return super().enqueue(task, args, kwargs)
