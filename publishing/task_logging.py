"""The task worker's log: one line per task that fails or is slow, not one per state change.

django-tasks logs "Task id=… path=… state=RUNNING" when a task starts and "state=SUCCESSFUL"
when it ends, at INFO, and `manage.py db_worker` forces its logger to INFO whatever
LOGGING says. Every page save queues a few tasks (search index, references, Facebook),
so the console fills with lines that say nothing went wrong. This filter sits on the
"django_tasks" logger (cms/settings/base.py, LOGGING): failures pass as they are (ERROR,
with the traceback), the start line is dropped, and a success passes only when the task
took longer than `slow_seconds`, with the time it took.

It pairs the two lines of a task by its id; the worker runs one task at a time, so the
map never holds more than a few entries.
"""

import logging
import threading

STATE_LINE = "Task id=%s path=%s state=%s"


class NotableTasksOnly(logging.Filter):
    def __init__(self, slow_seconds: float = 1.0):
        super().__init__()
        self.slow_seconds = slow_seconds
        self._started: dict[str, float] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg != STATE_LINE or not isinstance(record.args, tuple) or len(record.args) != 3:
            return True  # anything else django-tasks has to say
        task_id, path, state = record.args
        state = getattr(state, "value", state)
        with self._lock:
            if state == "RUNNING":
                self._started[task_id] = record.created
                return False
            started = self._started.pop(task_id, None)
        if record.levelno >= logging.WARNING or state != "SUCCESSFUL":
            return True
        if started is None or record.created - started <= self.slow_seconds:
            return False
        record.msg = "Task id=%s path=%s state=%s took %.1f s"
        record.args = (task_id, path, state, record.created - started)
        return True
